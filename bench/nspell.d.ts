// nspell 2 ships no types: the part the checks benchmark uses.
declare module "nspell" {
  interface NSpell {
    correct(word: string): boolean;
  }
  export default function nspell(dictionary: { aff: Uint8Array; dic: Uint8Array }): NSpell;
}

/** Citations of one seed: `citeIn("001_….txt")("8")` -> "001_….txt §8" (the form the schema checks). */
export const citeIn =
  (seed: string) =>
  (paragraph: string): string =>
    `${seed} §${paragraph}`;

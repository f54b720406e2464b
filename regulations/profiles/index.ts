// The built-in regulations. A new regulation is one more profile file listed here; no code changes.
import { nenets } from "./nenets";
import { omsk } from "./omsk";
import { plastunovskaya } from "./plastunovskaya";
import { yuzhnoSakhalinsk } from "./yuzhno-sakhalinsk";
import { zarechny } from "./zarechny";

export const builtInProfiles: readonly unknown[] = [yuzhnoSakhalinsk, zarechny, omsk, plastunovskaya, nenets];

import type { DayKind } from "../../schedule";

/** One exception against the plain Monday–Friday week, with the rule that makes it. */
export interface DecreeDay {
  date: string;
  kind: DayKind;
  note: string;
}

/** A decreed year: `days` come from the Labour Code (art. 95, 112) and the yearly Government decree on
 * moving days off; `presidential` are extra non-working days by presidential decree and win over `days`. */
export interface DecreeYear {
  year: number;
  source: string;
  note?: string;
  days: DecreeDay[];
  presidential?: DecreeDay[];
}

// The decreed years of the Russian production calendar, imported statically (the workflow sandbox has no fs).
import y2019 from "./2019";
import y2020 from "./2020";
import y2021 from "./2021";
import y2022 from "./2022";
import y2023 from "./2023";
import y2024 from "./2024";
import y2025 from "./2025";
import y2026 from "./2026";
import type { DecreeYear } from "./types";

export type { DecreeDay, DecreeYear } from "./types";

export const RU_YEARS: ReadonlyMap<number, DecreeYear> = new Map(
  [y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026].map((y) => [y.year, y]),
);

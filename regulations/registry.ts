// Profiles by id, each validated by the schema when it is registered (at module load for the built-in ones),
// so a broken profile fails loudly at start-up, never halfway through a case.
import { z } from "zod";
import { RegulationError } from "./errors";
import { builtInProfiles } from "./profiles";
import { profileSchema, type RegulationProfile } from "./schema";

const profiles = new Map<string, RegulationProfile>();

/** Validates `data` against the profile schema and makes it available by id. */
export function registerProfile(data: unknown): RegulationProfile {
  const parsed = profileSchema.safeParse(data);
  if (!parsed.success) {
    const id = (data as { id?: unknown } | null)?.id;
    throw new RegulationError(
      `Invalid regulation profile ${String(id ?? "")}:\n${z.prettifyError(parsed.error)}`,
    );
  }
  if (profiles.has(parsed.data.id))
    throw new RegulationError(`Regulation profile "${parsed.data.id}" is already registered`);
  profiles.set(parsed.data.id, parsed.data);
  return parsed.data;
}

export function getProfile(id: string): RegulationProfile {
  const p = profiles.get(id);
  if (!p) throw new RegulationError(`Unknown regulation "${id}" (known: ${[...profiles.keys()].join(", ")})`);
  return p;
}

export function listProfiles(): RegulationProfile[] {
  return [...profiles.values()];
}

for (const p of builtInProfiles) registerProfile(p);

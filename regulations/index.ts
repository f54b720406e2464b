// regulations/ (docs/contracts.md): the five regulations as validated profiles and the planner over them.
// Pure: it runs inside the Temporal workflow sandbox (no I/O, no clock, static imports only).

export { RegulationError } from "./errors";
export {
  type DueOptions,
  dueFrom,
  type Plan,
  type PlannedStep,
  type PlanOptions,
  plan,
  stepFrom,
} from "./planner";
export { getProfile, listProfiles, registerProfile } from "./registry";
export {
  type ClockEvent,
  clockEvents,
  type Importance,
  type Leg,
  type ProfileInput,
  profileSchema,
  type RegulationProfile,
  type StepDef,
  type StepName,
  stepNames,
  type Timing,
} from "./schema";
export type RegulationId = string;

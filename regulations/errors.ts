/** Every user-facing failure of regulations/: unknown id, invalid profile, refused option, bad instant. */
export class RegulationError extends Error {
  override name = "RegulationError";
}

// A draft check's finding as drafts keep it and the update validators check it (workflows/actions.ts); the
// case view's drafts carry it too (view.ts).
import { z } from "zod";
import { draftCheckCodes } from "../regulations/schema";

/** A draft check's finding (checks/); `at` is the [start, end) range of the text (UTF-16 offsets). */
export const findingSchema = z.object({
  code: z.enum(draftCheckCodes),
  message: z.string().max(1000),
  at: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
});

// A citizen's message as monitoring systems deliver it, and the case's start input. Shared by the API
// (validation at the edge, OpenAPI) and the workflow (its types; the workflow bundle builds none of these
// schemas: the update validators' own are in actions.ts).
import { z } from "zod";
import type { CalendarLayers, CalendarOverride } from "../calendars";
import { httpUrl } from "./http-url";

export { httpUrl };

const isoInstant = z.iso.datetime({ offset: true });
const slug = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, "letters, digits and . _ : - only (1-200)");

export const networks = [
  "vk",
  "ok",
  "telegram",
  "facebook",
  "instagram",
  "twitter",
  "site",
  "other",
] as const;
export const channels = ["comment", "direct", "post"] as const;

export const messageSchema = z.object({
  org: slug,
  source: slug.describe("the monitoring system or feed that found the message"),
  externalId: slug.describe("the message's id in that source: with org and source it makes the case id"),
  network: z.enum(networks),
  /** Public comment -> public reply; direct message -> private reply (Yuzhno-Sakhalinsk 3.4). */
  channel: z.enum(channels),
  url: httpUrl(),
  author: z
    .object({
      name: z.string().max(300).optional(),
      profileUrl: httpUrl().optional(),
      networkUserId: z.string().max(200).optional(),
    })
    .default({}),
  text: z.string().min(1).max(20_000),
  attachments: z.array(httpUrl()).max(20).default([]),
  publishedAt: isoInstant,
  detectedAt: isoInstant,
  hints: z
    .object({
      topic: z.string().max(200).optional(),
      location: z.string().max(300).optional(),
      importance: z.enum(["normal", "high"]).optional(),
    })
    .default({}),
  /**
   * Who found the message: a monitoring system (the default), or the administration itself (Plastunovskaya 2.3
   * «выявленные Администрацией»: «публикации в социальных сетях»), where the municipal curator opens the case
   * without the regional triage (docs/regulations.md "the administration's own findings").
   */
  foundBy: z.enum(["monitoring", "administration"]).optional(),
  /** A repeat message on an already handled question: the earlier case (Zarechny 17, Omsk 13–14, Nenets 23). */
  repeatOf: z.string().max(400).optional(),
});
export type Message = z.infer<typeof messageSchema>;

/** The org's settings a case needs, copied in at start so the workflow needs no database. */
export const orgSettingsSchema = z.object({
  id: z.string(),
  regulation: z.string(),
  calendarId: z.string(),
  zone: z.string(),
  schedule: z.unknown().optional(),
  urgentTopics: z.array(z.string()).default([]),
  /**
   * Networks the org posted replies to through their API when the case started: read by cases started before
   * the `delivery-live-accounts` patch only (later ones ask `postsThroughApi` when the answer goes out).
   */
  publishers: z.array(z.string()).optional(),
  /**
   * The share of a step's budget at which its holder is warned (WARN_AT_SHARE, config.ts), fixed when the
   * case starts; absent in cases started before it was configurable, which warn at 75 % (workflows/clocks.ts).
   */
  warnAtShare: z.number().gt(0).lt(1).optional(),
});
export type OrgSettings = z.infer<typeof orgSettingsSchema>;

export interface CaseInput {
  caseId: string;
  message: Message;
  org: OrgSettings;
  receivedAt: string;
  /** The calendar's national run-time overrides when the case started (read without `calendar`). */
  overrides?: CalendarOverride[];
  /** The org's calendar layers when the case started (calendars/production.ts CalendarLayers);
   * `calendarChanged` reloads them. Absent in cases started before the calendar layers. */
  calendar?: CalendarLayers;
}

/**
 * `case-<org>~<source>~<externalId>`: a resent message finds its case. The parts are slugs (letters, digits
 * and `. _ : -`), so `~` cannot occur in them and two messages never share an id (issue 16: with `-` between
 * the parts, source `vk` + id `feed-1` and source `vk-feed` + id `1` were the same case).
 */
export function caseIdOf(m: Pick<Message, "org" | "source" | "externalId">): string {
  return `case-${m.org}~${m.source}~${m.externalId}`;
}

/**
 * The id cases started before the separator changed have (the first design's
 * `case-<org>-<source>-<externalId>`);
 * ambiguous, so it is only ever taken together with the case's own org, source and externalId
 * (activities/ingest.ts).
 */
export function legacyCaseIdOf(m: Pick<Message, "org" | "source" | "externalId">): string {
  return `case-${m.org}-${m.source}-${m.externalId}`;
}

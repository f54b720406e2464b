// Read-model rows as the projection activity writes them, for list filters and pagination with exact
// control over creation times, statuses and overdue flags (the workflow suites cover the projection).

import { caseAuthors, caseEvents, cases } from "../../db/schema";
import type { CaseView, Status } from "../../workflows/view";
import type { TestStack } from "../support/stack";

export interface FixtureCase {
  caseId: string;
  org?: string;
  status?: Status;
  importance?: "normal" | "high";
  topic?: string;
  overdue?: boolean;
  assignees?: Array<{ staffId: string; department: string }>;
  createdAt: string;
  text: string;
}

export function viewOf(f: FixtureCase): CaseView {
  const org = f.org ?? "omsk";
  return {
    caseId: f.caseId,
    workflowId: f.caseId,
    org,
    regulation: org,
    status: f.status ?? "triage",
    importance: f.importance ?? "normal",
    topic: f.topic,
    significant: false,
    emergency: false,
    overdue: f.overdue ?? false,
    message: {
      source: "fixture",
      externalId: f.caseId,
      network: "vk",
      channel: "comment",
      url: `https://vk.com/wall-1_${f.caseId}`,
      text: f.text,
      attachments: [],
      publishedAt: "2026-03-02T09:00:00+06:00",
      detectedAt: "2026-03-02T09:10:00+06:00",
    },
    assignees: (f.assignees ?? []).map((a) => ({ ...a, role: "executor" as const })),
    contributions: [],
    drafts: [],
    publications: [],
    steps: {},
    returns: 0,
    reworkRounds: 0,
    seq: 2,
  };
}

export async function insertFixtures(stack: TestStack, fixtures: FixtureCase[]) {
  const db = stack.db.db;
  for (const f of fixtures) {
    const v = viewOf(f);
    await db.insert(cases).values({
      caseId: v.caseId,
      workflowId: v.workflowId,
      orgId: v.org,
      regulation: v.regulation,
      source: "fixture",
      externalId: v.caseId,
      status: v.status,
      importance: v.importance,
      topic: v.topic ?? null,
      overdue: v.overdue,
      network: v.message.network,
      channel: v.message.channel,
      url: v.message.url,
      text: v.message.text,
      publishedAt: v.message.publishedAt,
      detectedAt: v.message.detectedAt,
      receivedAt: f.createdAt,
      assignees: v.assignees.map((a) => a.staffId),
      departments: [...new Set((f.assignees ?? []).map((a) => a.department))],
      snapshot: v,
      lastSeq: v.seq,
      createdAt: f.createdAt,
      updatedAt: f.createdAt,
    });
    await db.insert(caseAuthors).values({ caseId: v.caseId, author: { name: "Иван Петров" } });
    await db.insert(caseEvents).values([
      {
        caseId: v.caseId,
        seq: 2,
        type: "triage",
        actor: "omsk.curator",
        at: f.createdAt,
        data: { topic: f.topic },
      },
      { caseId: v.caseId, seq: 1, type: "received", at: f.createdAt, data: { source: "fixture" } },
    ]);
  }
}

import { defineSearchAttributeKey, SearchAttributeType } from "@temporalio/common";

// The case's searchable fields in Temporal UI / `temporal workflow list --query` (docs/architecture.md
// "Temporal design"). Registered by scripts/stack.ts for the dev server and by `worker setup` for clusters.
export const CaseStatus = defineSearchAttributeKey("CaseStatus", SearchAttributeType.KEYWORD);
export const CaseOrg = defineSearchAttributeKey("CaseOrg", SearchAttributeType.KEYWORD);
export const CaseRegulation = defineSearchAttributeKey("CaseRegulation", SearchAttributeType.KEYWORD);
export const CaseImportance = defineSearchAttributeKey("CaseImportance", SearchAttributeType.KEYWORD);
export const CaseTopic = defineSearchAttributeKey("CaseTopic", SearchAttributeType.KEYWORD);
export const CaseAssignees = defineSearchAttributeKey("CaseAssignees", SearchAttributeType.KEYWORD_LIST);
export const CaseAnswerDueAt = defineSearchAttributeKey("CaseAnswerDueAt", SearchAttributeType.DATETIME);
export const CaseOverdue = defineSearchAttributeKey("CaseOverdue", SearchAttributeType.BOOL);
export const CaseNetwork = defineSearchAttributeKey("CaseNetwork", SearchAttributeType.KEYWORD);
/** Set while an activity of the case keeps failing (workflows/attention.ts): what failed and why. */
export const CaseAttention = defineSearchAttributeKey("CaseAttention", SearchAttributeType.KEYWORD);

export const caseSearchAttributes = [
  CaseStatus,
  CaseOrg,
  CaseRegulation,
  CaseImportance,
  CaseTopic,
  CaseAssignees,
  CaseAnswerDueAt,
  CaseOverdue,
  CaseNetwork,
  CaseAttention,
] as const;

/** The dev server's `--search-attribute Name=Type` spelling. */
export function devServerSearchAttributeFlags(): string[] {
  const spelling: Record<string, string> = {
    KEYWORD: "Keyword",
    KEYWORD_LIST: "KeywordList",
    DATETIME: "Datetime",
    BOOL: "Bool",
    TEXT: "Text",
    INT: "Int",
    DOUBLE: "Double",
  };
  return caseSearchAttributes.flatMap((k) => ["--search-attribute", `${k.name}=${spelling[k.type]}`]);
}

// Staff acting on cases through the API (inject), for the suites that walk cases: `who` is a staff id, or
// the part after `<org>.` when the helper is made with the org.
import { expect } from "vitest";
import type { CaseView } from "../../workflows/view";
import { bearer } from "../api/helpers";
import type { TestStack } from "./stack";

/** `stack` is read at each call: suites assign theirs in beforeAll. */
export function caseActions(stack: () => TestStack, opts: { org?: string; reader: string }) {
  const staffId = (who: string) => (opts.org ? `${opts.org}.${who}` : who);
  const act = async (caseId: string, action: string, who: string, payload: object = {}) =>
    stack().app.inject({
      method: "POST",
      url: `/v1/cases/${caseId}/actions/${action}`,
      headers: await bearer(staffId(who)),
      payload,
    });
  return {
    act,
    /** The action, which must be taken (200): the case right after it. */
    async ok(caseId: string, action: string, who: string, payload: object = {}): Promise<CaseView> {
      const res = await act(caseId, action, who, payload);
      expect(res.statusCode, `${action} by ${who}: ${res.body}`).toBe(200);
      return res.json();
    },
    /** The case as `reader` sees it. */
    async read(caseId: string): Promise<CaseView> {
      const res = await stack().app.inject({
        method: "GET",
        url: `/v1/cases/${caseId}`,
        headers: await bearer(staffId(opts.reader)),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
  };
}

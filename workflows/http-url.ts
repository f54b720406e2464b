// Every URL a case carries (the post, the author's profile, attachments, a published answer, a link) is
// http(s): a `javascript:` or `data:` URL would run in whatever shows it (issue 16). The API's message schema
// (message.ts) and the update validators (actions.ts) share it.
import { z } from "zod";

export const httpUrl = () => z.url({ protocol: /^https?$/, error: "an http(s) URL" }).max(2000);

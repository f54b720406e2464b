import type { FastifyPluginAsync } from "fastify";
import calendars from "./calendars";
import cases from "./cases";
import drafts from "./drafts";
import feeds from "./feeds";
import messages from "./messages";
import orgs from "./orgs";
import regulations from "./regulations";
import reports from "./reports";

/** /v1: each folder is a URL segment; each registers its own auth hook. */
const v1: FastifyPluginAsync = async (app) => {
  await app.register(messages);
  await app.register(cases);
  await app.register(drafts);
  await app.register(orgs);
  await app.register(feeds);
  await app.register(calendars);
  await app.register(regulations);
  await app.register(reports);
};
export default v1;

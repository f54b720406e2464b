// The manual publisher: nothing is posted by the system. The profile's publisher role posts the reply by hand
// and confirms it with the reply's URL through the `publish` action, which closes the publish step.
import type { Publisher } from "./index";

export const manualPublisher: Publisher = {
  async publish() {
    return { state: "manual" };
  },
};

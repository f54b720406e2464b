import { sleep } from "@temporalio/workflow";

/** Sleeps a week of workflow time: proves that the time-skipping server skips it. */
export async function sleeper(days: number): Promise<string> {
  await sleep(`${days} days`);
  return "woke";
}

// The worker's resource bounds from the environment (config.ts workerSettingsOf, README "Configuration").
import { describe, expect, test } from "vitest";
import { workerNodeFlags, workerSettingsOf } from "../../config";

describe("worker settings", () => {
  test("defaults bound the cache, the task slots and the heap", () => {
    expect(workerSettingsOf({})).toEqual({
      maxCachedWorkflows: 150,
      maxConcurrentWorkflowTasks: 40,
      maxConcurrentActivities: 100,
      maxHeapMb: 512,
      cpuProfileDir: "",
    });
    expect(workerNodeFlags(workerSettingsOf({}))).toEqual(["--max-old-space-size=512"]);
  });

  test("reads each variable, blanks as unset", () => {
    expect(
      workerSettingsOf({
        WORKER_MAX_CACHED_WORKFLOWS: "2000",
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: "80",
        WORKER_MAX_CONCURRENT_ACTIVITIES: " 20 ",
        WORKER_MAX_HEAP_MB: "",
      }),
    ).toEqual({
      maxCachedWorkflows: 2000,
      maxConcurrentWorkflowTasks: 80,
      maxConcurrentActivities: 20,
      maxHeapMb: 512,
      cpuProfileDir: "",
    });
  });

  test("task slots never exceed the cache (the SDK would lower them with a warning); 0 disables the cache", () => {
    expect(workerSettingsOf({ WORKER_MAX_CACHED_WORKFLOWS: "10" }).maxConcurrentWorkflowTasks).toBe(10);
    expect(workerSettingsOf({ WORKER_MAX_CACHED_WORKFLOWS: "0" })).toMatchObject({
      maxCachedWorkflows: 0,
      maxConcurrentWorkflowTasks: 40,
    });
  });

  test("WORKER_MAX_HEAP_MB=0 leaves Node's own heap limit", () => {
    expect(workerNodeFlags(workerSettingsOf({ WORKER_MAX_HEAP_MB: "0" }))).toEqual([]);
  });

  test("WORKER_CPU_PROFILE_DIR starts the worker with V8's CPU profiler writing there", () => {
    expect(workerNodeFlags(workerSettingsOf({ WORKER_CPU_PROFILE_DIR: " .data/prof " }))).toEqual([
      "--max-old-space-size=512",
      "--cpu-prof",
      "--cpu-prof-dir=.data/prof",
    ]);
  });

  test.each([
    ["WORKER_MAX_CACHED_WORKFLOWS", "lots"],
    ["WORKER_MAX_CACHED_WORKFLOWS", "-1"],
    ["WORKER_MAX_CONCURRENT_WORKFLOW_TASKS", "1"],
    ["WORKER_MAX_CONCURRENT_ACTIVITIES", "2.5"],
    ["WORKER_MAX_HEAP_MB", "1e3x"],
  ])("refuses %s=%s at start, naming the variable", (name, value) => {
    expect(() => workerSettingsOf({ [name]: value })).toThrow(new RegExp(`^${name}: a whole number`));
  });
});

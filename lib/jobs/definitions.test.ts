import { describe, expect, it } from "vitest";
import { provisioningApplyJob, provisioningApplySchema, RetryLaterError } from "./definitions";
import { leaseWarningMs } from "./worker";
import { maintenanceIntervalSeconds } from "./queue";

const scope = { workspaceId: "7d0d5a4e-53a3-4b7e-9f2b-0c8f4b1c2d3e", customerId: "0b7e4f1a-9c2d-4e3f-8a1b-2c3d4e5f6a7b" };

function engine(runs: string[], options: { finishes?: boolean } = {}) {
  const pending = [...runs];
  const executed: string[] = [];
  return {
    executed,
    deps: {
      nextUnfinishedRun: async () => pending[0] ?? null,
      executeRun: async (runId: string) => {
        executed.push(runId);
        if (options.finishes !== false) pending.shift();
        return "succeeded";
      },
    },
  };
}

const context = (signal = new AbortController().signal) => ({ jobId: "job", signal });

describe("provisioning apply job", () => {
  it("brings every pending run of the customer to an end, oldest first", async () => {
    const fake = engine(["run-1", "run-2"]);
    const result = await provisioningApplyJob(fake.deps).handler(scope, context());
    expect(fake.executed).toEqual(["run-1", "run-2"]);
    expect(result).toEqual({ runs: { "run-1": "succeeded", "run-2": "succeeded" } });
  });

  it("does nothing when no run is pending (a duplicate or late job)", async () => {
    const fake = engine([]);
    await provisioningApplyJob(fake.deps).handler(scope, context());
    expect(fake.executed).toEqual([]);
  });

  it("asks to be retried rather than spin when a run stays unfinished (held elsewhere)", async () => {
    const fake = engine(["run-1"], { finishes: false });
    await expect(provisioningApplyJob(fake.deps).handler(scope, context())).rejects.toBeInstanceOf(RetryLaterError);
    expect(fake.executed).toEqual(["run-1"]);
  });

  it("hands the job back when stopped mid-run, so a retry resumes it", async () => {
    const controller = new AbortController();
    const deps = {
      nextUnfinishedRun: async () => "run-1",
      executeRun: async () => {
        controller.abort();
        return "running";
      },
    };
    await expect(provisioningApplyJob(deps).handler(scope, context(controller.signal))).rejects.toThrow(/resumes on retry/);
  });

  it("keys jobs by customer, so one waits per customer", () => {
    expect(provisioningApplyJob(engine([]).deps).singletonKey?.(scope)).toBe(scope.customerId);
  });

  it("refuses malformed job data", () => {
    expect(provisioningApplySchema.safeParse({ customerId: "x" }).success).toBe(false);
    expect(provisioningApplySchema.safeParse({ ...scope, extra: 1 }).success).toBe(false);
  });
});

describe("lease timing", () => {
  it("warns a job before its lease ends, and maintenance runs often enough to notice dead workers", () => {
    expect(leaseWarningMs(300)).toBe(290_000);
    expect(leaseWarningMs(6)).toBe(5_400);
    expect(maintenanceIntervalSeconds(300)).toBe(60);
    expect(maintenanceIntervalSeconds(6)).toBe(1);
  });
});

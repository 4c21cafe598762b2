import { describe, expect, it } from "vitest";
import { countCustomers, freeSlots, outcomeOfRun, settle } from "./policy";

const run = (status: Parameters<typeof outcomeOfRun>[0]["status"], extra: Partial<Parameters<typeof outcomeOfRun>[0]> = {}) => ({ status, changes: 0, errorMessage: null, attentionReason: null, ...extra });

describe("outcomeOfRun", () => {
  it.each([
    [run("queued"), null],
    [run("running"), null],
    [run("succeeded", { changes: 2 }), { status: "succeeded", changes: 2, message: null }],
    [run("needs_attention", { attentionReason: "Consent withdrawn", errorMessage: "401" }), { status: "failed", changes: 0, message: "Consent withdrawn" }],
    [run("failed", { errorMessage: "Step x failed" }), { status: "failed", changes: 0, message: "Step x failed" }],
    [run("blocked"), { status: "failed", changes: 0, message: "The provisioning run ended blocked." }],
  ])("%o → %o", (input, expected) => expect(outcomeOfRun(input)).toEqual(expected));
});

describe("freeSlots", () => {
  it.each([
    ["running", 4, 1, 3],
    ["queued", 2, 0, 2],
    ["running", 2, 3, 0],
    ["paused", 4, 0, 0],
    ["cancelled", 4, 0, 0],
    ["completed", 4, 0, 0],
  ] as const)("%s, concurrency %i, %i running → %i", (status, concurrency, running, expected) => expect(freeSlots(status, concurrency, running)).toBe(expected));
});

describe("settle", () => {
  it.each([
    ["running", 3, 1, { status: "running", jobDone: false, finished: false }],
    ["running", 0, 0, { status: "completed", jobDone: true, finished: true }],
    ["paused", 5, 2, { status: "paused", jobDone: false, finished: false }],
    ["paused", 5, 0, { status: "paused", jobDone: true, finished: false }],
    ["paused", 0, 0, { status: "completed", jobDone: true, finished: true }],
    ["cancelled", 0, 1, { status: "cancelled", jobDone: false, finished: false }],
    ["cancelled", 0, 0, { status: "cancelled", jobDone: true, finished: true }],
    ["completed", 0, 0, { status: "completed", jobDone: true, finished: false }],
  ] as const)("%s with %i pending and %i running", (status, pending, running, expected) => expect(settle(status, { pending, running })).toEqual(expected));
});

it("counts changed and unchanged successes apart", () => {
  expect(countCustomers([
    { status: "succeeded", changed: true, n: 5 },
    { status: "succeeded", changed: false, n: 2 },
    { status: "failed", changed: false, n: 1 },
    { status: "pending", changed: false, n: 3 },
  ])).toEqual({ total: 11, pending: 3, running: 0, succeeded: 5, unchanged: 2, failed: 1, skipped: 0 });
});

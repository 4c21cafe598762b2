import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { executeRun, type EngineDeps } from "./execute";
import { createRun, previewPlan } from "./index";
import type { RunStatus } from "./types";

/**
 * Blueprint changes across the fleet (issue 11): a preview of what each customer's tenant
 * would change, and a rollout that runs the engine for every provisioned customer with
 * bounded concurrency. A failing tenant is recorded and the others go on; the summary lists
 * the failures. Pausing stops starting new customers (running ones finish); resuming is
 * calling rollout again: customers already at the blueprint plan nothing and cost one read.
 */

export interface CustomerPreview {
  customerId: string;
  displayName: string;
  /** "Update assignment policy …" for each step that writes; empty: nothing changes */
  changes: { key: string; action: string; title: string; fields: string[] }[];
  blocked?: string;
  error?: string;
}

const PROVISIONED = ["active", "needs_attention"] as const;

async function provisionedCustomers(workspaceId: string, only?: string[]) {
  return db.customer.findMany({
    where: { workspaceId, status: { in: [...PROVISIONED] }, tenantId: { not: null }, ...(only ? { id: { in: only } } : {}) },
    select: { id: true, displayName: true },
    orderBy: { displayName: "asc" },
  });
}

async function pool<T>(items: T[], concurrency: number, each: (item: T) => Promise<void>, shouldStop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !shouldStop()) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** Per customer: the steps the active blueprint would write there (reads only). */
export async function previewRollout(input: { workspaceId: string; concurrency?: number }, deps: EngineDeps = {}): Promise<CustomerPreview[]> {
  const customers = await provisionedCustomers(input.workspaceId);
  const previews: CustomerPreview[] = [];
  await pool(customers, input.concurrency ?? 8, async (c) => {
    try {
      const plan = await previewPlan({ workspaceId: input.workspaceId, customerId: c.id }, deps);
      previews.push({
        customerId: c.id, displayName: c.displayName,
        changes: plan.steps.filter((s) => s.action !== "none").map((s) => ({ key: s.key, action: s.action, title: s.title, fields: Object.keys(s.change) })),
        ...(plan.blocked ? { blocked: plan.blocked.message } : {}),
      });
    } catch (error) {
      previews.push({ customerId: c.id, displayName: c.displayName, changes: [], error: error instanceof Error ? error.message : String(error) });
    }
  });
  return previews.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export interface RolloutProgress {
  customerId: string;
  displayName: string;
  status: "running" | RunStatus | "error";
  runId?: string;
  message?: string;
}

export interface RolloutSummary {
  blueprintVersion: number;
  total: number;
  succeeded: string[];
  failed: { customerId: string; displayName: string; status: string; message: string }[];
  /** not started because the rollout was paused */
  pending: string[];
  wallMs: number;
}

/** Applies the active blueprint to every provisioned customer (or the listed ones). Audited. */
export async function rolloutBlueprint(
  input: { workspaceId: string; actor: string; customerIds?: string[]; concurrency?: number; onProgress?: (p: RolloutProgress) => void; paused?: () => boolean },
  deps: EngineDeps = {},
): Promise<RolloutSummary> {
  const started = Date.now();
  const customers = await provisionedCustomers(input.workspaceId, input.customerIds);
  const version = (await db.blueprint.findFirst({ where: { workspaceId: input.workspaceId }, orderBy: { version: "desc" }, select: { version: true } }))?.version ?? 0;
  await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "blueprint.rollout_started", details: { blueprintVersion: version, customers: customers.length } });
  const summary: RolloutSummary = { blueprintVersion: version, total: customers.length, succeeded: [], failed: [], pending: [], wallMs: 0 };
  const done = new Set<string>();
  await pool(customers, input.concurrency ?? 4, async (c) => {
    input.onProgress?.({ customerId: c.id, displayName: c.displayName, status: "running" });
    try {
      const runId = await createRun({ workspaceId: input.workspaceId, customerId: c.id, trigger: "manual" });
      const status = await executeRun(runId, { deps });
      if (status === "succeeded") summary.succeeded.push(c.id);
      else {
        const run = await db.provisioningRun.findUnique({ where: { id: runId }, select: { errorMessage: true, attentionReason: true } });
        summary.failed.push({ customerId: c.id, displayName: c.displayName, status, message: run?.attentionReason ?? run?.errorMessage ?? status });
      }
      input.onProgress?.({ customerId: c.id, displayName: c.displayName, status, runId });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      summary.failed.push({ customerId: c.id, displayName: c.displayName, status: "error", message });
      input.onProgress?.({ customerId: c.id, displayName: c.displayName, status: "error", message });
    }
    done.add(c.id);
  }, () => input.paused?.() ?? false);
  summary.pending = customers.filter((c) => !done.has(c.id)).map((c) => c.id);
  summary.wallMs = Date.now() - started;
  await recordAudit({
    workspaceId: input.workspaceId, actor: input.actor, action: summary.pending.length ? "blueprint.rollout_paused" : "blueprint.rollout_finished",
    details: { blueprintVersion: version, succeeded: summary.succeeded.length, failed: summary.failed.map((f) => ({ customerId: f.customerId, status: f.status, message: f.message })), pending: summary.pending.length },
  });
  return summary;
}

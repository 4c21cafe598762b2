import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Blueprint } from "./blueprint";
import { graphFor, observeAndPlan, type EngineDeps } from "./execute";
import { loadBlueprint, loadCustomer } from "./store";
import type { BlockedReason, PlanStep } from "./types";
import { asConsentWithdrawn } from "./apply";
import { CONSENT_WITHDRAWN } from "./execute";

/**
 * The provisioning engine's public API (issue 10). Jobs, pages and actions use only this:
 * blueprint → observe(tenant) → plan (pure diff) → apply (idempotent steps).
 */

export type { Blueprint, BlueprintDefinition } from "./blueprint";
export { DEFAULT_BLUEPRINT } from "./blueprint";
export type { BlockedReason, FieldChange, ManualChecklist, ManualChecklistItem, ObjectKind, Plan, PlanStep, RunStatus, StepAction, StepStatus } from "./types";
export { executeRun, graphFor, CONSENT_WITHDRAWN, type EngineDeps } from "./execute";
export { withCustomerLock } from "./lock";

/** The workspace's active blueprint: its highest stored version, else the built-in default (version 0). */
export function getBlueprint(workspaceId: string): Promise<Blueprint> {
  return loadBlueprint(workspaceId);
}

export interface PlanPreview {
  blocked?: BlockedReason;
  steps: PlanStep[];
}

/** Observe + plan for one customer; reads Graph, writes nothing. */
export async function previewPlan(input: { workspaceId: string; customerId: string }, deps: EngineDeps = {}): Promise<PlanPreview> {
  const customer = await loadCustomer(input.workspaceId, input.customerId);
  if (!customer.tenantId) return { blocked: { code: "tenant_unknown", message: "The customer has not granted consent yet, so Gatehouse cannot read its tenant." }, steps: [] };
  const blueprint = await loadBlueprint(input.workspaceId);
  try {
    const { plan } = await observeAndPlan({ ...customer, tenantId: customer.tenantId }, blueprint, graphFor(customer.tenantId, deps), deps);
    return plan;
  } catch (error) {
    if (asConsentWithdrawn(error)) return { blocked: { code: "consent_withdrawn", message: CONSENT_WITHDRAWN }, steps: [] };
    throw error;
  }
}

export type RunTrigger = "consent" | "manual" | "repair" | "rollout";

/** A queued run for the customer (status queued); executeRun does the work. */
export async function createRun(input: { workspaceId: string; customerId: string; trigger: RunTrigger; requestedById?: string | null }): Promise<string> {
  const customer = await db.customer.findFirst({ where: { id: input.customerId, workspaceId: input.workspaceId }, select: { id: true } });
  if (!customer) throw new NotFoundError("The customer");
  const blueprint = await loadBlueprint(input.workspaceId);
  const run = await db.provisioningRun.create({
    data: { workspaceId: input.workspaceId, customerId: customer.id, blueprintVersion: blueprint.version, trigger: input.trigger, requestedById: input.requestedById ?? null, status: "queued" },
    select: { id: true },
  });
  return run.id;
}

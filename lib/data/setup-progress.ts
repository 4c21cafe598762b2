import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { deriveResultKey, verifyResult } from "@/lib/onboarding/result-token";

/**
 * What the customer admin's consent result page shows while Gatehouse builds the tenant. It is
 * public, so it carries counts and the blueprint's object titles only: no customer, MSSP, tenant
 * or person name, and no error text.
 */
export interface SetupProgress {
  state: "not_started" | "queued" | "running" | "ready" | "needs_attention";
  done: number;
  total: number;
  /** the objects created (or taken over) in the tenant, in plan order */
  created: string[];
}

export interface SetupSubject {
  workspaceId: string;
  customerId: string;
}

/** Decides from the result page's query which customer's setup it may watch; null: none. */
export type SetupSubjectVerifier = (params: URLSearchParams) => Promise<SetupSubject | null>;

/**
 * The result page's key: its signed result token (lib/onboarding/result-token.ts). Only a
 * genuine token of a flow that ended in "granted" may watch that invite's customer; the token
 * keeps working after its names expire, because the progress carries no names.
 */
export const verifyByResultToken: SetupSubjectVerifier = async (params) => {
  const token = params.get("r");
  if (!token || !env.AUTH_SECRET) return null;
  const verified = verifyResult(token, deriveResultKey(env.AUTH_SECRET), new Date());
  if (!verified.ok || verified.claim.outcome !== "granted" || !verified.claim.inviteId) return null;
  return db.consentInvite.findUnique({ where: { id: verified.claim.inviteId }, select: { workspaceId: true, customerId: true } });
};

/** Step titles name blueprint objects; a connected organization's title could name the MSSP. */
function publicTitle(step: { kind: string; title: string }, secrets: string[]): string {
  if (step.kind === "connectedOrganization") return "Connected organization for your security provider";
  return secrets.reduce((title, secret) => (secret ? title.split(secret).join("…") : title), step.title);
}

export async function getSetupProgress(subject: SetupSubject): Promise<SetupProgress> {
  const customer = await db.customer.findFirst({
    where: { id: subject.customerId, workspaceId: subject.workspaceId },
    select: { status: true, displayName: true, primaryDomain: true, tenantName: true, workspace: { select: { name: true, primaryDomain: true } } },
  });
  if (!customer) return { state: "not_started", done: 0, total: 0, created: [] };
  const run = await db.provisioningRun.findFirst({
    where: { workspaceId: subject.workspaceId, customerId: subject.customerId },
    orderBy: { createdAt: "desc" },
    select: { status: true, stepsDone: true, stepsTotal: true, steps: { select: { kind: true, title: true, action: true, status: true }, orderBy: { position: "asc" } } },
  });
  if (!run) return { state: customer.status === "active" ? "ready" : "not_started", done: 0, total: 0, created: [] };
  const secrets = [customer.displayName, customer.primaryDomain, customer.tenantName ?? "", customer.workspace.name, customer.workspace.primaryDomain];
  const created = run.steps
    .filter((s) => s.status === "succeeded" && (s.action === "create" || s.action === "adopt" || s.action === "update"))
    .map((s) => publicTitle(s, secrets));
  const state: SetupProgress["state"] =
    run.status === "succeeded" ? "ready" : run.status === "queued" ? "queued" : run.status === "running" ? "running" : "needs_attention";
  return { state, done: run.stepsDone, total: run.stepsTotal, created };
}

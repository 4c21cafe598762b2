import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import type { CustomerStatus, ProvisioningRunStatus, ProvisioningStepStatus, Prisma } from "@/lib/generated/prisma/client";
import { accessPackageRequestUrl } from "@/lib/links";
import type { ManualChecklist, StepAction } from "@/lib/provisioning/types";
import { isGuid } from "@/lib/utils/guid";

/** A run not yet at an end: queued, or interrupted (or still going) while running. */
export const UNFINISHED: ProvisioningRunStatus[] = ["queued", "running"];

export interface StepView {
  key: string;
  position: number;
  action: StepAction;
  kind: string;
  title: string;
  reason: string;
  change: Record<string, { before?: unknown; after: unknown }>;
  status: ProvisioningStepStatus;
  attempts: number;
  requestIds: string[];
  errorCode: string | null;
  errorMessage: string | null;
  manual: ManualChecklist | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunView {
  id: string;
  status: ProvisioningRunStatus;
  trigger: string;
  requestedByName: string | null;
  stepsTotal: number;
  stepsDone: number;
  graphWrites: number;
  errorCode: string | null;
  errorMessage: string | null;
  attentionReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  steps: StepView[];
}

export interface PackageLink {
  key: string;
  displayName: string;
  url: string;
}

/** What the customer page's Provisioning section shows, and what its route handler returns. */
export interface ProvisioningView {
  customerId: string;
  status: CustomerStatus;
  attentionReason: string | null;
  run: RunView | null;
  packages: PackageLink[];
}

const stepSelect = {
  key: true,
  position: true,
  action: true,
  kind: true,
  title: true,
  reason: true,
  change: true,
  status: true,
  attempts: true,
  requestIds: true,
  errorCode: true,
  errorMessage: true,
  manual: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.ProvisioningStepSelect;

const runSelect = {
  id: true,
  status: true,
  trigger: true,
  stepsTotal: true,
  stepsDone: true,
  graphWrites: true,
  errorCode: true,
  errorMessage: true,
  attentionReason: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  requestedBy: { select: { name: true } },
  steps: { select: stepSelect, orderBy: { position: "asc" } },
} satisfies Prisma.ProvisioningRunSelect;

type RunRow = Prisma.ProvisioningRunGetPayload<{ select: typeof runSelect }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function toRunView(run: RunRow): RunView {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    requestedByName: run.requestedBy?.name ?? null,
    stepsTotal: run.stepsTotal,
    stepsDone: run.stepsDone,
    graphWrites: run.graphWrites,
    errorCode: run.errorCode,
    errorMessage: run.errorMessage,
    attentionReason: run.attentionReason,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    steps: run.steps.map((s) => ({
      ...s,
      change: (s.change ?? {}) as StepView["change"],
      manual: (s.manual ?? null) as ManualChecklist | null,
      startedAt: iso(s.startedAt),
      finishedAt: iso(s.finishedAt),
    })),
  };
}

/** The durable My Access request link of each access package Gatehouse holds in the tenant. */
export async function packageLinks(workspaceId: string, customerId: string, domain: string): Promise<PackageLink[]> {
  const rows = await db.tenantObject.findMany({
    where: { workspaceId, customerId, kind: "accessPackage" },
    select: { key: true, displayName: true, graphId: true },
    orderBy: { key: "asc" },
  });
  return rows.map((r) => ({ key: r.key, displayName: r.displayName, url: accessPackageRequestUrl(domain, r.graphId) }));
}

export async function getProvisioningView(user: CurrentUser, customerId: string): Promise<ProvisioningView> {
  requirePermission(user, "customers:read");
  // Another workspace's customer (or a malformed id) is "not found", never "forbidden".
  if (!isGuid(customerId)) throw new NotFoundError("The customer");
  const customer = await db.customer.findFirst({
    where: { id: customerId, workspaceId: user.workspace.id },
    select: { id: true, status: true, attentionReason: true, primaryDomain: true },
  });
  if (!customer) throw new NotFoundError("The customer");
  const run = await db.provisioningRun.findFirst({
    where: { workspaceId: user.workspace.id, customerId },
    orderBy: { createdAt: "desc" },
    select: runSelect,
  });
  return {
    customerId,
    status: customer.status,
    attentionReason: customer.attentionReason,
    run: run ? toRunView(run) : null,
    packages: await packageLinks(user.workspace.id, customerId, customer.primaryDomain),
  };
}

/** The worker's question: which run of this customer should be brought to an end next? */
export async function nextUnfinishedRun(scope: { workspaceId: string; customerId: string }): Promise<string | null> {
  const run = await db.provisioningRun.findFirst({
    // Offboarding runs belong to the offboarding job, never to the apply job.
    where: { workspaceId: scope.workspaceId, customerId: scope.customerId, status: { in: UNFINISHED }, trigger: { not: "offboard" } },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  return run?.id ?? null;
}

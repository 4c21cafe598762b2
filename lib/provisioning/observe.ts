import "server-only";
import { GraphError } from "@/lib/graph/errors";
import { batchValue, type BatchRequest, type BatchResponse, type GraphHttp } from "@/lib/graph/http";
import { governanceLicence, type AssignedPlan } from "@/lib/graph/governance-licence";
import type { TenantInformation } from "@/lib/graph/recipe";
import { recipePaths as P } from "@/lib/graph/recipe-paths";
import type { BlueprintDefinition } from "./blueprint";
import type { ApproverResolution, DefenderAvailability, ExtraRoleScope, Observed } from "./observed";
import { readObjects, type Loose } from "./observe-read";

/**
 * observe(): reads the tenant's actual objects by the Graph ids Gatehouse recorded, all
 * independent reads in one `$batch` wave (v1.0 and beta side by side). Only an object with
 * no record is looked up by exact name, to adopt it. A no-change re-run costs one wave.
 */

export interface RecordedObject {
  graphId: string;
  /** when the record was written: a just-created object may still be replicating */
  updatedAt: Date;
  /** when an observation first read it back (then it has replicated); null until then */
  seenAt: Date | null;
}

export interface ObserveInput {
  blueprint: BlueprintDefinition;
  records: Map<string, RecordedObject>;
  /** the workspace's (MSSP's) primary domain */
  msspDomain: string;
  /** the workspace's tenant: the domain must resolve to it */
  msspTenantId: string;
  consentAdminObjectId: string | null;
  consentAdminName: string | null;
  /** v1.0 reads a caller adds to the first wave (drift's approvers): answered in `extraAnswers` */
  extraReads?: BatchRequest[];
}

export interface ObserveDeps {
  http: GraphHttp;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** how long after recording a 404 still means "replicating", not "deleted" */
  replicationWindowMs?: number;
}

const DEFENDER_REFUSED = new Set([401, 403]);

export async function observe(input: ObserveInput, deps: ObserveDeps): Promise<Observed> {
  const { blueprint } = input;
  const v1: BatchRequest[] = [
    { id: "licence", method: "GET", url: P.organizationPlans() },
    { id: "mssp", method: "GET", url: P.tenantByDomain(input.msspDomain) },
    ...(input.extraReads ?? []),
  ];
  const beta: BatchRequest[] = blueprint.defenderRoles.length ? [{ id: "actions", method: "GET", url: P.defenderActions() }] : [];

  const extraRoleScopes: ExtraRoleScope[] = [];
  let [answers, objects, vanished, unseen] = await readObjects(input, deps, v1, beta, extraRoleScopes);
  // Bounded: past the replication window a missing record counts as deleted.
  for (let attempt = 0; unseen.length > 0 && attempt < 6; attempt++) {
    await deps.sleep(Math.min(2000, 500 * 2 ** attempt));
    [answers, objects, vanished, unseen] = await readObjects(input, deps, v1, beta, extraRoleScopes);
  }

  // App-only, /organization holds exactly the tenant the token is for.
  const organization = batchValue<{ value?: { assignedPlans?: AssignedPlan[] }[] }>(answers.get("licence"), "read the tenant's licences").value?.[0];
  const mssp = batchValue<TenantInformation>(answers.get("mssp"), `find the MSSP tenant of ${input.msspDomain}`);
  // Only the workspace's own tenant may request access: a domain that resolves elsewhere is a
  // misconfiguration that would open the customer to strangers.
  if (mssp.tenantId.toLowerCase() !== input.msspTenantId.toLowerCase()) {
    throw new GraphError(`The MSSP domain ${input.msspDomain} belongs to tenant ${mssp.tenantId}, not to this workspace's tenant ${input.msspTenantId}; correct the workspace's primary domain.`, { status: 0, code: "msspTenantMismatch" });
  }
  return {
    licence: governanceLicence(organization?.assignedPlans ?? []),
    mssp: { tenantId: mssp.tenantId.toLowerCase(), displayName: mssp.displayName ?? input.msspDomain },
    approver: resolveApprover(blueprint, input),
    defender: defenderOf(answers.get("actions"), blueprint.defenderRoles.length > 0),
    objects,
    vanished,
    extraRoleScopes,
    ...(input.extraReads?.length ? { extraAnswers: new Map(input.extraReads.flatMap((r) => (answers.has(r.id) ? [[r.id, answers.get(r.id)!] as const] : []))) } : {}),
  };
}

/**
 * Who approves consentAdmin packages: the administrator whose signed-in consent Gatehouse
 * proved, else the blueprint's named user. No Graph read: the ids are already proven or chosen.
 */
export function resolveApprover(blueprint: BlueprintDefinition, input: Pick<ObserveInput, "consentAdminObjectId" | "consentAdminName">): ApproverResolution {
  const approval = blueprint.accessPackages.flatMap((p) => p.policy.stages).find((a) => a.type === "consentAdmin");
  if (input.consentAdminObjectId) return { found: true, userId: input.consentAdminObjectId.toLowerCase(), source: "consentAdmin", label: input.consentAdminName ?? "the customer administrator who granted consent" };
  if (approval?.type === "consentAdmin" && approval.fallbackUser) return { found: true, userId: approval.fallbackUser.objectId, source: "blueprint", label: approval.fallbackUser.displayName };
  return { found: false, reason: "Nobody approves the Approvers package: the administrator who granted consent is not known and the blueprint names no other customer user." };
}

function defenderOf(answer: BatchResponse | undefined, wanted: boolean): DefenderAvailability {
  if (!wanted) return { available: true, actions: [] };
  if (!answer) return { available: false, code: "noAnswer", reason: "Graph did not answer the Defender permission catalog request." };
  if (answer.status === 200) {
    const namespaces = ((answer.body as Loose).value as Loose[] | undefined) ?? [];
    const actions = namespaces.flatMap((n) => ((n.resourceActions as Loose[] | undefined) ?? []).map((a) => String(a.name)));
    if (actions.length === 0) return { available: false, code: "noActions", reason: "The tenant's Defender XDR permission catalog is empty, so Unified RBAC is not active." };
    return { available: true, actions };
  }
  const code = String(((answer.body as Loose)?.error as Loose | undefined)?.code ?? `http${answer.status}`);
  const message = String(((answer.body as Loose)?.error as Loose | undefined)?.message ?? "");
  if (DEFENDER_REFUSED.has(answer.status) || answer.status === 400 || answer.status === 404) {
    return {
      available: false, code,
      reason: `Microsoft refused the Defender XDR Unified RBAC API (${code}${message ? `: ${message}` : ""}). Either Unified RBAC is not active for this tenant or the app lacks RoleManagement.ReadWrite.Defender; the Defender roles need a manual step.`,
    };
  }
  throw batchError(answer, "read the Defender permission catalog");
}

export function batchError(answer: BatchResponse, what: string): GraphError {
  try {
    batchValue(answer, what);
  } catch (error) {
    if (error instanceof GraphError) return error;
  }
  return new GraphError(`${what}: HTTP ${answer.status}`, { status: answer.status, code: `http${answer.status}` });
}

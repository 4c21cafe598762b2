import "server-only";
import { GraphError } from "@/lib/graph/errors";
import { batchValue, type BatchRequest, type BatchResponse, type GraphHttp } from "@/lib/graph/http";
import { recipePaths as P } from "@/lib/graph/recipe-paths";
import { accessPackageRequestUrl } from "@/lib/links";
import type { BlueprintDefinition } from "./blueprint";
import type { ApproverGroupState } from "./drift-classify";
import { stepKey } from "./keys";

/**
 * The approvers groups' truth is the Approvers package: the targets of its delivered
 * assignments are the members. A check reads them in observe's wave (no round trip of its own);
 * restoring costs a read, one `$batch` of adds and a read-back.
 */

type Loose = Record<string, unknown>;

interface ApproverTarget {
  key: string;
  displayName: string;
  packageName: string;
  groupId: string;
  packageId: string;
}

/** Blueprint groups that approve some package and are filled by a package of their own. */
function approverTargets(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined): ApproverTarget[] {
  const keys = [...new Set(blueprint.accessPackages.flatMap((p) => p.policy.stages).flatMap((stage) => (stage.type === "group" ? [stage.group] : [])))];
  return keys.flatMap((key) => {
    const pkg = blueprint.accessPackages.find((p) => p.group === key);
    const groupId = idOf(stepKey.group(key));
    const packageId = pkg ? idOf(stepKey.accessPackage(pkg.key)) : undefined;
    if (!pkg || !groupId || !packageId) return [];
    return [{ key, displayName: blueprint.groups.find((g) => g.key === key)?.displayName ?? key, packageName: pkg.displayName, groupId, packageId }];
  });
}

/** The reads that tell each approvers group's state: drift adds them to observe's first wave. */
export function approverReads(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined): BatchRequest[] {
  return approverTargets(blueprint, idOf).flatMap((t): BatchRequest[] => [
    { id: `approvers:members:${t.key}`, method: "GET", url: P.groupMembers(t.groupId) },
    { id: `approvers:assignments:${t.key}`, method: "GET", url: P.packageAssignments(t.packageId) },
  ]);
}

/**
 * Each approvers group from the answers to `approverReads`. A group that is gone (404) is
 * left out: the plan already reports it missing, and Repair fills the group it makes again.
 */
export function approverGroupsFrom(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined, answers: Map<string, BatchResponse>, customerDomain?: string): (ApproverGroupState & { groupId: string })[] {
  return approverTargets(blueprint, idOf).flatMap((t) => {
    const membersAnswer = answers.get(`approvers:members:${t.key}`);
    if (membersAnswer?.status === 404) return [];
    const members = batchValue<{ value?: Loose[] }>(membersAnswer, `read the members of ${t.displayName}`).value ?? [];
    const assignments = batchValue<{ value?: Loose[] }>(answers.get(`approvers:assignments:${t.key}`), `read the assignments of ${t.packageName}`).value ?? [];
    return [{
      key: t.key, displayName: t.displayName, packageName: t.packageName, groupId: t.groupId,
      memberIds: members.map((m) => String(m.id).toLowerCase()),
      assignments: assignments.flatMap((a) => {
        const target = (a.target ?? {}) as Loose;
        if (typeof target.objectId !== "string") return [];
        return [{ state: String(a.state ?? ""), targetId: target.objectId.toLowerCase(), targetName: String(target.displayName ?? target.principalName ?? target.objectId) }];
      }),
      ...(customerDomain ? { requestUrl: accessPackageRequestUrl(customerDomain, t.packageId) } : {}),
    }];
  });
}

async function readApproverGroups(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined, http: GraphHttp) {
  const reads = approverReads(blueprint, idOf);
  return reads.length ? approverGroupsFrom(blueprint, idOf, await http.batch(reads)) : [];
}

export interface RestoredApprovers {
  /** "<group key>:<object id>" of each member added back */
  added: string[];
  /** targets Graph no longer knows (the guest was deleted): a person must act */
  unknown: string[];
}

/**
 * Adds each delivered approver assignment's target that is not a member back to its group
 * (one `$batch` of `members/$ref`), then reads the members back to prove it.
 */
export async function restoreApproverMembers(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined, http: GraphHttp): Promise<RestoredApprovers> {
  const groups = await readApproverGroups(blueprint, idOf, http);
  const adds = groups.flatMap((g) => {
    const members = new Set(g.memberIds);
    const targets = new Set(g.assignments.filter((a) => a.state.toLowerCase() === "delivered" && !members.has(a.targetId)).map((a) => a.targetId));
    return [...targets].map((targetId) => ({ group: g, targetId, id: `${g.key}:${targetId}` }));
  });
  if (adds.length === 0) return { added: [], unknown: [] };
  const answers = await http.batch(adds.map((a): BatchRequest => ({ id: a.id, method: "POST", url: P.groupMemberRef(a.group.groupId), body: { "@odata.id": P.directoryObject(a.targetId) } })));
  const unknown: string[] = [];
  for (const a of adds) {
    const answer = answers.get(a.id);
    if (answer?.status === 404) { unknown.push(a.id); continue; }
    // 400 "already exist": someone (or a retried batch) added it first, which is what we want.
    if (answer?.status === 400 && /already exist/i.test(JSON.stringify(answer.body))) continue;
    batchValue(answer, `add ${a.targetId} back to ${a.group.displayName}`);
  }
  const after = await readApproverGroups(blueprint, idOf, http);
  const added = adds.filter((a) => !unknown.includes(a.id));
  const absent = added.filter((a) => !after.find((g) => g.key === a.group.key)?.memberIds.includes(a.targetId));
  if (absent.length > 0) {
    throw new GraphError(`Graph accepted ${absent.map((a) => a.targetId).join(", ")} into the approvers group but does not list them as members; run Repair again.`, { status: 0, code: "approverReadBackFailed" });
  }
  return { added: added.map((a) => a.id), unknown };
}

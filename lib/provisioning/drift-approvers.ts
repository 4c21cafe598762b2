import "server-only";
import { GraphError, type GraphErrorDetails } from "@/lib/graph/errors";
import { batchValue, type BatchRequest, type BatchResponse, type GraphHttp } from "@/lib/graph/http";
import { recipePaths as P } from "@/lib/graph/recipe-paths";
import { accessPackageRequestUrl } from "@/lib/links";
import { listAllPages, relativeToVersion } from "@/lib/graph/paging";
import type { BlueprintDefinition } from "./blueprint";
import { approverMemberDifferences, isEndedAssignmentState, type ApproverGroupState } from "./drift-classify";
import { stepKey } from "./keys";

/**
 * The approvers groups' truth is the Approvers package (every package that fills the group): the
 * targets of its delivered assignments are the members. A check reads them in observe's wave (no round trip of its own
 * unless a list runs past one page); reconciling costs a read (two before any removal), one
 * `$batch` of adds and removals and a read-back.
 */

type Loose = Record<string, unknown>;

interface ApproverTarget {
  key: string;
  displayName: string;
  packageName: string;
  groupId: string;
  /** every blueprint package whose Member role is this group (usually one): each one's assignments put people there */
  packages: { key: string; id: string; displayName: string }[];
}

/**
 * Blueprint groups that approve some package and are filled by packages of their own. A group
 * with a filling package not yet made in the tenant is left out: without that package's
 * assignments, a person it put there would read as a member nobody approved.
 */
function approverTargets(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined): ApproverTarget[] {
  const keys = [...new Set(blueprint.accessPackages.flatMap((p) => p.policy.stages).flatMap((stage) => (stage.type === "group" ? [stage.group] : [])))];
  return keys.flatMap((key) => {
    const fillers = blueprint.accessPackages.filter((p) => p.group === key);
    const groupId = idOf(stepKey.group(key));
    const packages = fillers.map((p) => ({ key: p.key, id: idOf(stepKey.accessPackage(p.key)), displayName: p.displayName }));
    if (packages.length === 0 || !groupId || packages.some((p) => !p.id)) return [];
    return [{
      key, displayName: blueprint.groups.find((g) => g.key === key)?.displayName ?? key, packageName: fillers.map((p) => p.displayName).join(" or "), groupId,
      packages: packages.map((p) => ({ ...p, id: p.id! })),
    }];
  });
}

const assignmentsReadId = (groupKey: string, packageKey: string) => `approvers:assignments:${groupKey}:${packageKey}`;

/** The reads that tell each approvers group's state: drift adds them to observe's first wave. */
export function approverReads(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined): BatchRequest[] {
  return approverTargets(blueprint, idOf).flatMap((t): BatchRequest[] => [
    { id: `approvers:members:${t.key}`, method: "GET", url: P.groupMembers(t.groupId) },
    ...t.packages.map((p): BatchRequest => ({ id: assignmentsReadId(t.key, p.key), method: "GET", url: P.packageAssignments(p.id) })),
  ]);
}

/**
 * The answers with every page of each list: a member or assignment on a later page that was never
 * read would read as missing, or (worse) as a member nobody approved, and Repair would remove it.
 */
export async function withAllApproverPages(answers: Map<string, BatchResponse>, http: GraphHttp): Promise<Map<string, BatchResponse>> {
  const complete = new Map(answers);
  for (const [id, answer] of answers) {
    if (!id.startsWith("approvers:") || answer.status < 200 || answer.status >= 300) continue;
    const body = answer.body as { value?: Loose[]; "@odata.nextLink"?: unknown };
    if (typeof body["@odata.nextLink"] !== "string") continue;
    const rest = await listAllPages(http, relativeToVersion(body["@odata.nextLink"]));
    complete.set(id, { ...answer, body: { value: [...(body.value ?? []), ...rest] } });
  }
  return complete;
}

/** The assignment target's object id, lower-cased; null while Graph has none (a guest being made). */
function targetIdOf(assignment: Loose): string | null {
  const objectId = (assignment.target as Loose | null | undefined)?.objectId;
  return typeof objectId === "string" && objectId ? objectId.toLowerCase() : null;
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
    const assignments = t.packages.flatMap((p) => batchValue<{ value?: Loose[] }>(answers.get(assignmentsReadId(t.key, p.key)), `read the assignments of ${p.displayName}`).value ?? []);
    return [{
      key: t.key, displayName: t.displayName, packageName: t.packageName, groupId: t.groupId,
      memberIds: members.map((m) => String(m.id).toLowerCase()),
      assignments: assignments.flatMap((a) => {
        const targetId = targetIdOf(a);
        if (!targetId) return [];
        const target = a.target as Loose;
        return [{ state: String(a.state ?? ""), targetId, targetName: String(target.displayName ?? target.principalName ?? target.objectId) }];
      }),
      unattributed: assignments.filter((a) => !isEndedAssignmentState(String(a.state ?? "")) && !targetIdOf(a)).length,
      ...(customerDomain ? { requestUrl: accessPackageRequestUrl(customerDomain, t.packages[0]!.id) } : {}),
    }];
  });
}

async function readApproverGroups(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined, http: GraphHttp) {
  const reads = approverReads(blueprint, idOf);
  return reads.length ? approverGroupsFrom(blueprint, idOf, await withAllApproverPages(await http.batch(reads), http)) : [];
}

export interface ReconciledApprovers {
  /** "<group key>:<object id>" of each member added back */
  added: string[];
  /** "<group key>:<object id>" of each member no assignment put there, removed */
  removed: string[];
  /** targets Graph no longer knows (the guest was deleted): a person must act */
  unknown: string[];
}

type Change = { group: ApproverGroupState & { groupId: string }; targetId: string; id: string; add: boolean };

/**
 * Reconciling stopped part way (Graph refused a change, or the read-back disagrees): `done` is what
 * Graph did accept before, so the repair's audit can say who was added or removed all the same.
 */
export class ApproverReconcileError extends GraphError {
  readonly done: ReconciledApprovers;
  constructor(message: string, details: GraphErrorDetails, done: ReconciledApprovers) {
    super(message, details);
    this.done = done;
  }
}

/**
 * Adds each delivered approver assignment's target that is not a member back to its group and
 * removes each member no assignment short of ended put there in two reads (one `$batch`), then
 * reads the members back to prove it. A change Graph refuses does not hide the others: every answer is
 * read first, and the error carries what was done.
 */
export async function reconcileApproverMembers(blueprint: BlueprintDefinition, idOf: (key: string) => string | undefined, http: GraphHttp): Promise<ReconciledApprovers> {
  const groups = await readApproverGroups(blueprint, idOf, http);
  let changes = groups.flatMap((group): Change[] => {
    const { missing, extra, removable } = approverMemberDifferences(group);
    return [
      ...[...new Set(missing.map((a) => a.targetId.toLowerCase()))].map((targetId) => ({ group, targetId, id: `${group.key}:${targetId}`, add: true })),
      ...(removable ? extra : []).map((targetId) => ({ group, targetId, id: `${group.key}:${targetId}`, add: false })),
    ];
  });
  if (changes.some((c) => !c.add)) {
    // $batch runs its reads in any order: a member entitlement management added just after the
    // assignments read would look unapproved. Removing is only for members extra in a second read
    // too (whose assignments read starts after the first members read ended).
    const again = await readApproverGroups(blueprint, idOf, http);
    const stillExtra = new Set(again.flatMap((g) => {
      const second = approverMemberDifferences(g);
      return second.removable ? second.extra.map((id) => `${g.key}:${id}`) : [];
    }));
    changes = changes.filter((c) => c.add || stillExtra.has(c.id));
  }
  if (changes.length === 0) return { added: [], removed: [], unknown: [] };
  const answers = await http.batch(changes.map((c): BatchRequest => (c.add
    ? { id: c.id, method: "POST", url: P.groupMemberRef(c.group.groupId), body: { "@odata.id": P.directoryObject(c.targetId) } }
    : { id: c.id, method: "DELETE", url: P.groupMemberRemove(c.group.groupId, c.targetId) })));
  const unknown: string[] = [];
  const accepted: Change[] = [];
  const refused: GraphError[] = [];
  for (const c of changes) {
    const answer = answers.get(c.id);
    if (c.add && answer?.status === 404) { unknown.push(c.id); continue; }
    // Someone (or a retried batch) got there first, which is what we want: already added, already gone.
    if ((c.add && answer?.status === 400 && /already exist/i.test(JSON.stringify(answer.body))) || (!c.add && answer?.status === 404)) { accepted.push(c); continue; }
    try {
      batchValue(answer, c.add ? `add ${c.targetId} back to ${c.group.displayName}` : `remove ${c.targetId} from ${c.group.displayName}`);
      accepted.push(c);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      refused.push(error);
    }
  }
  const added = accepted.filter((c) => c.add);
  const removed = accepted.filter((c) => !c.add);
  const done: ReconciledApprovers = { added: added.map((c) => c.id), removed: removed.map((c) => c.id), unknown };
  if (refused.length > 0) {
    throw new ApproverReconcileError(refused.map((e) => e.message).join("; "), { status: refused[0]!.status, code: refused[0]!.code }, done);
  }
  const after = await readApproverGroups(blueprint, idOf, http).catch((error: unknown) => {
    throw new ApproverReconcileError(`The approvers group could not be read back: ${error instanceof Error ? error.message : String(error)}`, { status: 0, code: "approverReadBackFailed", cause: error }, done);
  });
  const membersAfter = (c: Change) => after.find((g) => g.key === c.group.key)?.memberIds ?? [];
  const notAdded = added.filter((c) => !membersAfter(c).includes(c.targetId));
  const notRemoved = removed.filter((c) => membersAfter(c).includes(c.targetId));
  if (notAdded.length > 0) {
    throw new ApproverReconcileError(`Graph accepted ${notAdded.map((c) => c.targetId).join(", ")} into the approvers group but does not list them as members; run Repair again.`, { status: 0, code: "approverReadBackFailed" }, done);
  }
  if (notRemoved.length > 0) {
    throw new ApproverReconcileError(`Graph accepted the removal of ${notRemoved.map((c) => c.targetId).join(", ")} from the approvers group but still lists them as members; run Repair again.`, { status: 0, code: "approverReadBackFailed" }, done);
  }
  return done;
}

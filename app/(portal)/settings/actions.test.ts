// The Settings blueprint editor's server action against a real database: saves, refusals,
// field errors, the version conflict and workspace isolation.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type * as DbModule from "@/lib/db";
import type * as Actions from "./actions";
import { DEFAULT_BLUEPRINT } from "@/lib/provisioning/blueprint";
import { formValuesOf } from "@/lib/provisioning/blueprint-form";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getSessionState: async () => (session.user ? { status: "active", sessionId: "s1", user: session.user } : { status: "none" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

let db: typeof DbModule.db;
let action: typeof Actions.saveBlueprintAction;

async function staff(role: "admin" | "approver"): Promise<CurrentUser> {
  const id = randomUUID();
  const workspace = await db.workspace.create({ data: { name: `W ${id.slice(0, 6)}`, tenantId: id, primaryDomain: `w${id.slice(0, 8)}.example` }, select: { id: true, name: true, tenantId: true, primaryDomain: true } });
  const objectId = randomUUID();
  const user = await db.portalUser.create({ data: { workspaceId: workspace.id, objectId, tenantId: id, name: `Pat ${role}`, email: `${role}@x.example`, role }, select: { id: true } });
  return { id: user.id, objectId, name: `Pat ${role}`, email: `${role}@x.example`, role, workspace } as CurrentUser;
}

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

const edited = (base: number, edit: Record<string, string> = {}) =>
  form({ ...formValuesOf(DEFAULT_BLUEPRINT), baseVersion: String(base), "accessPackages.0.policy.expirationDays": "180", "groups.0.displayName": "Tier 1 SOC", ...edit });
const versionsOf = (workspaceId: string) => db.blueprint.findMany({ where: { workspaceId }, orderBy: { version: "asc" }, select: { version: true, createdById: true } });

beforeAll(async () => {
  db = (await import("@/lib/db")).db;
  action = (await import("./actions")).saveBlueprintAction;
});
beforeEach(() => {
  session.user = null;
});

describe("saveBlueprintAction", () => {
  it("an admin's save is version n+1, audited, with its changes in words; only their workspace changes", async () => {
    const admin = (session.user = await staff("admin"));
    const other = await staff("admin");
    const state = await action({ status: "idle" }, edited(0));
    expect(state).toEqual({
      status: "success",
      message: "Saved as version 1.",
      data: { outcome: "saved", version: 1, changes: ['Group "Tier 1 Analyst" renamed to "Tier 1 SOC".', 'Access package "Tier 1 Analyst": access now expires after 180 days (was 365 days).'] },
    });
    expect(await versionsOf(admin.workspace.id)).toEqual([{ version: 1, createdById: admin.id }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId: admin.workspace.id, action: "blueprint.saved" }, select: { actor: true, target: true } });
    expect(audit).toEqual({ actor: `user:${admin.objectId}`, target: "blueprint:1" });
    const second = await action({ status: "idle" }, edited(1, { "accessPackages.1.policy.reviewEveryMonths": "6" }));
    expect(second).toMatchObject({ status: "success", data: { outcome: "saved", version: 2, changes: ['Access package "Tier 2 Analyst": access now reviewed every 6 months (was every 12 months).'] } });
    expect(await versionsOf(other.workspace.id)).toEqual([]);
    const third = await action({ status: "idle" }, edited(2, { "accessPackages.1.policy.reviewEveryMonths": "6", "accessPackages.1.policy.stages.0.decisionDays": "7", "accessPackages.1.policy.stages.0.approverJustificationRequired": "true" }));
    expect(third).toMatchObject({ status: "success", data: { outcome: "saved", version: 3, changes: ['Access package "Tier 2 Analyst", stage 1: approvers decide within 7 days (was 14); approvers must now give a reason.'] } });
  });

  it("the same values again: nothing changed, nothing stored", async () => {
    const admin = (session.user = await staff("admin"));
    const state = await action({ status: "idle" }, form({ ...formValuesOf(DEFAULT_BLUEPRINT), baseVersion: "0" }));
    expect(state).toMatchObject({ status: "success", data: { outcome: "unchanged", version: 0 }, message: "Nothing changed: the blueprint is still version 0." });
    expect(await versionsOf(admin.workspace.id)).toEqual([]);
  });

  it("an approver is refused and nothing is stored", async () => {
    const approver = (session.user = await staff("approver"));
    expect(await action({ status: "idle" }, edited(0))).toMatchObject({ status: "error", message: "You do not have permission to do this." });
    expect(await versionsOf(approver.workspace.id)).toEqual([]);
  });

  it("bad values come back as errors next to their fields; nothing is stored", async () => {
    const admin = (session.user = await staff("admin"));
    const state = await action({ status: "idle" }, edited(0, {
      "accessPackages.0.policy.expirationDays": "0", "groups.1.displayName": "", "accessPackages.0.policy.stages.0.approver": "group:ghosts", "accessPackages.1.policy.stages.0.decisionDays": "15",
    }));
    expect(state).toMatchObject({
      status: "error",
      message: "Some values need fixing; see the highlighted fields.",
      fieldErrors: {
        "accessPackages.0.policy.expirationDays": ["at least 1 day"],
        "groups.1.displayName": ["a name is required"],
        "accessPackages.0.policy.stages.0.approver": ["'ghosts' is not a group of this blueprint"],
        "accessPackages.1.policy.stages.0.decisionDays": ["between 1 and 14 days"],
      },
    });
    expect(await versionsOf(admin.workspace.id)).toEqual([]);
    expect(await db.auditEvent.count({ where: { workspaceId: admin.workspace.id } })).toBe(0);
  });

  it("a forged request (a file, no base version) is refused plainly", async () => {
    session.user = await staff("admin");
    const withFile = edited(0);
    withFile.set("groups.0.displayName", new Blob(["x"]), "x.txt");
    expect(await action({ status: "idle" }, withFile)).toMatchObject({ status: "error", message: "Check the highlighted fields." });
    const noBase = edited(0);
    noBase.delete("baseVersion");
    expect(await action({ status: "idle" }, noBase)).toMatchObject({ status: "error", message: "The form did not say which version it edits; reload the page." });
  });

  it("two admins saving at once: one wins, the other is told to reload", async () => {
    const admin = (session.user = await staff("admin"));
    const [a, b] = await Promise.all([action({ status: "idle" }, edited(0)), action({ status: "idle" }, edited(0, { "accessPackages.0.policy.expirationDays": "90" }))]);
    const outcomes = [a, b].map((s) => (s.status === "success" ? s.data.outcome : s.status));
    expect(outcomes.sort()).toEqual(["conflict", "saved"]);
    const loser = [a, b].find((s) => s.status === "success" && s.data.outcome === "conflict")!;
    expect(loser).toMatchObject({ message: expect.stringMatching(/reload the blueprint and make your change again/) });
    expect((await versionsOf(admin.workspace.id)).map((v) => v.version)).toEqual([1]);
    // A save from a page that still shows version 0 is refused as well.
    expect(await action({ status: "idle" }, edited(0, { "accessPackages.0.policy.expirationDays": "30" }))).toMatchObject({ status: "success", data: { outcome: "conflict", message: "Someone saved version 1 after you opened version 0; reload the blueprint and make your change again." } });
  });
});

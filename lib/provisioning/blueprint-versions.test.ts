import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type * as DbModule from "@/lib/db";
import type * as Versions from "./blueprint-versions";
import { DEFAULT_BLUEPRINT } from "./blueprint";

let db: typeof DbModule.db;
let versions: typeof Versions;
let workspaceId: string;

beforeAll(async () => {
  db = (await import("@/lib/db")).db;
  versions = await import("./blueprint-versions");
  const id = randomUUID();
  workspaceId = (await db.workspace.create({ data: { name: "W", tenantId: id, primaryDomain: `w${id.slice(0, 8)}.example` }, select: { id: true } })).id;
});

describe("saveBlueprintVersion", () => {
  it("saves a new version with its diff (audited), refuses no-change and invalid saves without storing", async () => {
    const next = structuredClone(DEFAULT_BLUEPRINT);
    next.accessPackages[0]!.policy.expirationDays = 180;
    const saved = await versions.saveBlueprintVersion({ workspaceId, definition: next, actor: "user:a" });
    expect(saved.blueprint.version).toBe(1);
    expect(saved.changes).toEqual([{ path: "accessPackages[tier1].policy.expirationDays", before: 365, after: 180 }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "blueprint.saved" }, select: { target: true, details: true } });
    expect(audit.target).toBe("blueprint:1");
    // the audit log shows the change in words, not only the raw path
    const summary = (audit.details as { summary?: string[] }).summary ?? [];
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(/180/);
    await expect(versions.saveBlueprintVersion({ workspaceId, definition: next, actor: "user:a" })).rejects.toThrow(/Nothing changed/);
    const bad = { ...next, accessPackages: next.accessPackages.map((p, i) => (i === 0 ? { ...p, policy: { ...p.policy, expirationDays: 0 } } : p)) };
    await expect(versions.saveBlueprintVersion({ workspaceId, definition: bad, actor: "user:a" })).rejects.toThrow(/accessPackages\.0\.policy\.expirationDays/);
    expect(await db.blueprint.count({ where: { workspaceId } })).toBe(1);
  });
});

// The CLI end to end: real processes against the test database and the emulator, --json output
// and exit codes, the workspace never guessed, every change audited as `cli`.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as DbModule from "@/lib/db";
import { APP_ID, startEngineHarness, type EngineHarness } from "../provisioning/testing/harness";

let h: EngineHarness;
let db: typeof DbModule.db;
let workspace: { id: string; primaryDomain: string };

beforeAll(async () => {
  h = await startEngineHarness(1);
  db = (await import("@/lib/db")).db;
  workspace = await db.workspace.create({ data: { name: h.mssp.displayName, tenantId: h.mssp.id, primaryDomain: h.mssp.domain }, select: { id: true, primaryDomain: true } });
  // A second workspace in the same database: the CLI must not pick one by itself.
  await db.workspace.create({ data: { name: "Other MSSP", tenantId: randomUUID(), primaryDomain: `other-${randomUUID().slice(0, 8)}.example` } });
});
afterAll(async () => {
  await h?.close();
});

// The CLI's --json documents are read field by field, as a script would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; json: any }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/main.ts", ...args], {
      env: { ...process.env, ENTRA_CLIENT_ID: APP_ID, ENTRA_CLIENT_SECRET: h.graphAccess.clientSecret, ENTRA_AUTHORITY_HOST: h.emulator.url, GRAPH_BASE_URL: h.emulator.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
  });
}

describe("gatehouse CLI", () => {
  it("refuses to guess the workspace, adds a customer with a consent link, and finds nothing it does not know", async () => {
    const guessed = await cli("customers", "list");
    expect(guessed.code).toBe(2);
    expect(guessed.stderr).toContain("pass --workspace <domain>");

    const ws = ["--workspace", workspace.primaryDomain, "--json"];
    const domain = `acme-${randomUUID().slice(0, 8)}.example`;
    const added = await cli(...ws, "customers", "add", "--name", "Acme", "--domain", domain.toUpperCase());
    expect(added.code).toBe(0);
    expect(added.json.customer).toMatchObject({ displayName: "Acme", primaryDomain: domain, status: "invited" });
    expect(added.json.invite.link).toMatch(/\/consent\/[A-Za-z0-9_-]+$/);
    const duplicate = await cli(...ws, "customers", "add", "--name", "Acme again", "--domain", domain);
    expect(duplicate.code).toBe(2);
    expect(duplicate.json.error.message).toContain(`${domain} already belongs to Acme`);
    const missing = await cli(...ws, "customers", "show", "nobody.example");
    expect(missing.code).toBe(3);
    const audit = await db.auditEvent.findMany({ where: { workspaceId: workspace.id, target: `customer:${String(added.json.customer.id)}` }, select: { actor: true, action: true } });
    expect(audit).toEqual(expect.arrayContaining([{ actor: "cli", action: "customer.created" }, { actor: "cli", action: "invite.issued" }]));
  }, 180_000);

  it("plans, applies, finds and repairs drift, and offboards a consented customer", async () => {
    const tenant = h.tenants[0]!;
    await db.customer.create({ data: { workspaceId: workspace.id, displayName: "Tenant One", primaryDomain: tenant.domain, tenantId: tenant.id, status: "consented", consentGrantedByObjectId: tenant.adminId, consentGrantedByName: "Customer Admin" } });
    const ws = ["--workspace", workspace.primaryDomain, "--json"];

    const planned = await cli(...ws, "plan", tenant.domain);
    expect(planned.code).toBe(0);
    expect(planned.json.steps.filter((s: { action: string }) => s.action === "create")).toHaveLength(21);

    const applied = await cli(...ws, "apply", tenant.domain);
    expect(applied.code).toBe(0);
    expect(applied.json).toMatchObject({ status: "succeeded", stepsDone: 21, stepsTotal: 21 });

    // A rogue admin renames a group behind Gatehouse's back.
    const group = await db.tenantObject.findFirstOrThrow({ where: { key: "group:tier1", customer: { primaryDomain: tenant.domain } }, select: { graphId: true } });
    expect((await h.write(tenant.id, "PATCH", `/v1.0/groups/${group.graphId}`, { displayName: "Renamed by hand" })).status).toBe(204);
    const drifted = await cli(...ws, "drift", tenant.domain);
    expect(drifted.code).toBe(4);
    expect(drifted.json.status).toBe("drift");
    const repaired = await cli(...ws, "repair", tenant.domain);
    expect(repaired.code).toBe(0);
    expect(repaired.json.after.status).toBe("clean");
    const again = await cli(...ws, "repair", tenant.domain);
    expect(again).toMatchObject({ code: 0, json: { status: "clean" } });

    const unconfirmed = await cli(...ws, "offboard", tenant.domain);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.json.error.message).toContain(`--confirm ${tenant.domain}`);
    const wrong = await cli(...ws, "offboard", tenant.domain, "--confirm", "someone-else.example");
    expect(wrong.code).toBe(2);
    const off = await cli(...ws, "offboard", tenant.domain, "--confirm", tenant.domain);
    expect(off.code).toBe(0);
    expect(off.json.customer.status).toBe("offboarded");
    expect(off.json.removed).toHaveLength(21);
    expect(off.json.notRemoved).toEqual([]);
    const human = await cli("--workspace", workspace.primaryDomain, "offboard", tenant.domain, "--confirm", tenant.domain);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Removed (21)");
    expect(human.stdout).toContain("Delete the enterprise app");
    const audit = await db.auditEvent.findMany({ where: { workspaceId: workspace.id, actor: "cli" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["provisioning.requested", "drift.repaired", "customer.offboarded"]));
  }, 240_000);

  it("starts, pauses, resumes and cancels a rollout; a second start is refused", async () => {
    const ws = ["--workspace", workspace.primaryDomain, "--json"];
    await db.customer.create({ data: { workspaceId: workspace.id, displayName: "Rolled", primaryDomain: `rolled-${randomUUID().slice(0, 8)}.example`, tenantId: randomUUID(), status: "active" } });
    // No worker runs here: the rollout stays queued, which is all these commands need.
    const started = await cli(...ws, "rollout", "start", "--concurrency", "2");
    expect(started.code).toBe(0);
    expect(started.json).toMatchObject({ status: "queued", concurrency: 2, counts: { total: 1, pending: 1 } });
    const again = await cli(...ws, "rollout", "start");
    expect(again.code).toBe(1);
    expect(again.json.error.message).toContain("already under way");
    expect((await cli(...ws, "rollout", "start", "--concurrency", "0")).code).toBe(2);
    expect((await cli(...ws, "rollout", "pause")).json.status).toBe("paused");
    const status = await cli(...ws, "rollout", "status");
    expect(status).toMatchObject({ code: 4, json: { id: started.json.id, status: "paused" } });
    expect((await cli(...ws, "rollout", "resume")).json.status).toBe("running");
    const cancelled = await cli(...ws, "rollout", "cancel");
    expect(cancelled.json).toMatchObject({ status: "cancelled", counts: { skipped: 1, pending: 0 } });
    expect((await cli(...ws, "rollout", "resume", started.json.id)).code).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { workspaceId: workspace.id, actor: "cli", target: `rollout:${started.json.id}` }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["blueprint.rollout_cancelled", "blueprint.rollout_paused", "blueprint.rollout_resumed", "blueprint.rollout_started"]);
  }, 120_000);
});

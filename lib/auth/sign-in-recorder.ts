import "server-only";
import { db } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/record";
import { decideSignIn, type EntraIdentity, type SignInDecision } from "./sign-in-decision";

export interface SignedInUser {
  userId: string;
  workspaceId: string;
}

/**
 * Decides, and records the outcome: the user row (created on first sign-in, refreshed on every
 * one) and an audit event either way. Nothing is written for the user when refused.
 */
export async function admitIdentity(
  identity: Partial<EntraIdentity>,
): Promise<{ decision: SignInDecision; user?: SignedInUser }> {
  const workspace = identity.tenantId
    ? await db.workspace.findUnique({ where: { tenantId: identity.tenantId }, select: { id: true } }).catch(() => null)
    : null;
  const decision = decideSignIn(identity, workspace !== null);
  const actor = identity.objectId ? userActor(identity.objectId) : "anonymous";

  if (!decision.allowed || !workspace) {
    await recordAudit({
      workspaceId: workspace?.id ?? null,
      actor,
      action: "auth.sign_in_refused",
      details: {
        reason: decision.allowed ? "unregistered-tenant" : decision.reason,
        tenantId: identity.tenantId ?? null,
        name: identity.name ?? null,
        email: identity.email ?? null,
      },
    });
    return { decision };
  }

  const { objectId, tenantId, name, email } = identity as EntraIdentity;
  const now = new Date();
  const user = await db.$transaction(async (tx) => {
    const row = await tx.portalUser.upsert({
      where: { workspaceId_objectId: { workspaceId: workspace.id, objectId } },
      create: { workspaceId: workspace.id, objectId, tenantId, name, email, role: decision.role, lastSignInAt: now },
      update: { name, email, role: decision.role, lastSignInAt: now },
      select: { id: true },
    });
    await recordAudit(
      {
        workspaceId: workspace.id,
        actor: userActor(objectId),
        action: "auth.sign_in",
        target: `user:${row.id}`,
        details: { role: decision.role, name, email },
      },
      tx,
    );
    return row;
  });
  return { decision, user: { userId: user.id, workspaceId: workspace.id } };
}

export async function recordSignOut(user: { userId?: unknown; workspaceId?: unknown; objectId?: unknown }): Promise<void> {
  if (typeof user.workspaceId !== "string" || typeof user.objectId !== "string") return;
  await recordAudit({
    workspaceId: user.workspaceId,
    actor: userActor(user.objectId),
    action: "auth.sign_out",
    target: typeof user.userId === "string" ? `user:${user.userId}` : undefined,
  });
}

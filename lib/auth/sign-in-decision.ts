// Pure: decides whether an Entra identity may enter, given the workspace of its tenant (if any).
import { portalRoleFromClaim } from "./app-roles";
import type { PortalRole } from "./permissions";
import { isGuid } from "@/lib/utils/guid";

export interface EntraIdentity {
  tenantId: string;
  objectId: string;
  name: string;
  email: string;
  roles: unknown;
}

export type RefusalReason = "unregistered-tenant" | "no-role" | "incomplete-token";

export type SignInDecision =
  | { allowed: true; role: PortalRole }
  | { allowed: false; reason: RefusalReason };


export function decideSignIn(identity: Partial<EntraIdentity>, workspaceFound: boolean): SignInDecision {
  if (!isGuid(identity.tenantId) || !isGuid(identity.objectId)) {
    return { allowed: false, reason: "incomplete-token" };
  }
  if (!workspaceFound) return { allowed: false, reason: "unregistered-tenant" };
  const role = portalRoleFromClaim(identity.roles);
  return role ? { allowed: true, role } : { allowed: false, reason: "no-role" };
}

export const REFUSAL_MESSAGES: Record<RefusalReason, { title: string; body: string }> = {
  "unregistered-tenant": {
    title: "Your organization is not registered in this Gatehouse",
    body: "You signed in with an account whose Microsoft Entra tenant has no Gatehouse workspace here. Sign in with your MSSP work account, or ask the people who run this Gatehouse to register your organization.",
  },
  "no-role": {
    title: "You have no Gatehouse role",
    body: "Your account belongs to this MSSP, but it has none of the Gatehouse app roles (Admin, Approver or Analyst). Ask an administrator of your Entra tenant to assign you a role on the Gatehouse enterprise application, then sign in again.",
  },
  "incomplete-token": {
    title: "Microsoft did not identify your account",
    body: "The sign-in response had no tenant or object id, so Gatehouse cannot tell who you are. Try again; if it keeps happening, tell your administrator.",
  },
};

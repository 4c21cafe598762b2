import "server-only";
import { db } from "@/lib/db";
import { recordAudit, userActor } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { CustomerStatus, Prisma } from "@/lib/generated/prisma/client";
import { inviteState, type InviteState } from "@/lib/onboarding/invite-token";
import { compareNames } from "@/lib/utils/compare-names";
import type { CreateCustomerInput, CustomerListQuery } from "@/lib/onboarding/schemas";
import { isGuid } from "@/lib/utils/guid";
import { containsText } from "./text-search";
import type { TenantOfDomain } from "@/lib/graph/tenant-lookup";
import { claimTenant } from "./customer-tenant-claim";

export interface CustomerListItem {
  id: string;
  displayName: string;
  primaryDomain: string;
  status: CustomerStatus;
  tenantId: string | null;
  createdAt: Date;
  consentedAt: Date | null;
}

export interface InviteDto {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  state: InviteState;
  createdByName: string | null;
}

export interface CustomerDetail extends CustomerListItem {
  /** the tenant the domain resolved to when the customer was added; proves nothing */
  resolvedTenantId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  tenantName: string | null;
  grantedRoles: string[];
  createdByName: string | null;
  invites: InviteDto[];
}

const listSelect = {
  id: true,
  displayName: true,
  primaryDomain: true,
  status: true,
  tenantId: true,
  createdAt: true,
  consentedAt: true,
} satisfies Prisma.CustomerSelect;

/** The order of a customer's life, so "status" sorts from newly invited to offboarded. */
const STATUS_ORDER: readonly CustomerStatus[] = [
  "invited",
  "consented",
  "provisioning",
  "active",
  "needs_attention",
  "offboarding",
  "offboarded",
];


export const CUSTOMER_PAGE_SIZE = 50;

export interface CustomerPage {
  items: CustomerListItem[];
  /** matching customers in all pages */
  total: number;
  /** 1-based; past the last page it is the last page */
  page: number;
  pageCount: number;
  pageSize: number;
}

function compareBy(query: CustomerListQuery): (a: CustomerListItem, b: CustomerListItem) => number {
  const dir = query.dir ?? (query.sort === "created" ? "desc" : "asc");
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: CustomerListItem, b: CustomerListItem) => compareNames(a.displayName, b.displayName);
  const byCreated = (a: CustomerListItem, b: CustomerListItem) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
  if (query.sort === "created") return (a, b) => sign * byCreated(a, b);
  if (query.sort === "status") {
    return (a, b) => sign * (STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || byName(a, b) || byCreated(a, b));
  }
  return (a, b) => sign * (byName(a, b) || byCreated(a, b));
}

/**
 * One page of the workspace's customers. Names sort as people read them (case, accents and
 * numbers), which no database collation guarantees, so the narrow rows of every match are
 * ordered here and only one page leaves the server.
 */
export async function listCustomers(user: CurrentUser, query: CustomerListQuery = {}, pageSize = CUSTOMER_PAGE_SIZE): Promise<CustomerPage> {
  requirePermission(user, "customers:read");
  const q = query.q?.trim();
  const rows = await db.customer.findMany({
    where: {
      workspaceId: user.workspace.id,
      ...(q
        ? {
            OR: [
              { displayName: containsText(q) },
              { primaryDomain: containsText(q) },
              ...(isGuid(q) ? [{ tenantId: q.toLowerCase() }] : []),
            ],
          }
        : {}),
    },
    select: listSelect,
  });
  rows.sort(compareBy(query));
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageCount, pageSize };
}

/** Another workspace's customer is "not found", never "forbidden": ids reveal nothing. */
export async function getCustomer(user: CurrentUser, customerId: string, now = new Date()): Promise<CustomerDetail> {
  requirePermission(user, "customers:read");
  if (!isGuid(customerId)) throw new NotFoundError("The customer");
  const row = await db.customer.findFirst({
    where: { id: customerId, workspaceId: user.workspace.id },
    select: {
      ...listSelect,
      resolvedTenantId: true,
      contactName: true,
      contactEmail: true,
      tenantName: true,
      grantedRoles: true,
      createdBy: { select: { name: true } },
      invites: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          createdAt: true,
          expiresAt: true,
          usedAt: true,
          revokedAt: true,
          createdBy: { select: { name: true } },
        },
      },
    },
  });
  if (!row) throw new NotFoundError("The customer");
  const { createdBy, invites, ...customer } = row;
  return {
    ...customer,
    createdByName: createdBy?.name ?? null,
    invites: invites.map(({ createdBy: by, ...invite }) => ({
      ...invite,
      state: inviteState(invite, now),
      createdByName: by?.name ?? null,
    })),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Adds a customer. `tenant` is the tenant its domain resolved to at Microsoft; the add form
 * always passes it (lib/onboarding/add-customer.ts), and it is checked and kept here, in the
 * caller's transaction.
 */
export async function createCustomer(
  user: CurrentUser,
  input: CreateCustomerInput,
  tx: Prisma.TransactionClient,
  tenant?: TenantOfDomain,
): Promise<{ id: string }> {
  requirePermission(user, "customers:write");
  const duplicate = await tx.customer.findFirst({
    where: { workspaceId: user.workspace.id, primaryDomain: input.primaryDomain },
    select: { displayName: true },
  });
  if (duplicate) {
    throw new InvalidInputError("This domain is already used by another customer.", {
      primaryDomain: [`${input.primaryDomain} already belongs to ${duplicate.displayName}.`],
    });
  }
  if (tenant) await claimTenant(user, input.primaryDomain, tenant.tenantId, tx);
  try {
    const customer = await tx.customer.create({
      data: {
        workspaceId: user.workspace.id,
        displayName: input.displayName,
        primaryDomain: input.primaryDomain,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        resolvedTenantId: tenant?.tenantId ?? null,
        createdById: user.id,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        workspaceId: user.workspace.id,
        actor: userActor(user.objectId),
        action: "customer.created",
        target: `customer:${customer.id}`,
        details: {
          displayName: input.displayName,
          primaryDomain: input.primaryDomain,
          ...(tenant ? { resolvedTenantId: tenant.tenantId, resolvedTenantName: tenant.displayName } : {}),
        },
      },
      tx,
    );
    return customer;
  } catch (error) {
    // Two admins adding the same domain at once: the unique index decides.
    if (isUniqueViolation(error)) throw new ConflictError(`${input.primaryDomain} was just added by someone else.`);
    throw error;
  }
}

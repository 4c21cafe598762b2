import { readFileSync } from "node:fs";
import { z } from "zod";
import { GROUP_MEMBERSHIP_CLAIMS } from "./records.ts";
import { findSku, SKUS } from "./licenses.ts";

/** A GUID in the 8-4-4-4-12 form Entra uses for every object id. */
const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a GUID like 00000000-0000-0000-0000-000000000000");

/** The longest replication lag the emulator accepts (seed, env, control API): 10 minutes. */
export const MAX_REPLICATION_LAG_MS = 600_000;

const domain = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "must be a DNS domain like contoso.com");

export const seedUserSchema = z.strictObject({
  id: guid,
  userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must look like name@domain"),
  displayName: z.string().min(1),
  mail: z.string().nullable().optional(),
  password: z.string().min(1).nullable().optional(),
  directoryRoles: z.array(z.string()).default([]),
  appRoles: z.array(z.string()).default([]),
  accountEnabled: z.boolean().default(true),
});

export const seedTenantSchema = z.strictObject({
  id: guid,
  displayName: z.string().min(1),
  domains: z.array(domain).min(1, "a tenant needs at least one domain"),
  licenses: z.array(z.string().refine((part) => !!findSku(part), { message: `unknown SKU part number; known: ${SKUS.map((s) => s.skuPartNumber).join(", ")}` })).default([]),
  /** false: the tenant never activated Defender XDR Unified RBAC, so its Graph beta API refuses calls */
  defenderUnifiedRbac: z.boolean().default(true),
  /** how long objects created through Graph stay invisible to reads in this tenant (replication lag) */
  replicationLagMs: z.number().int().min(0).max(MAX_REPLICATION_LAG_MS).optional(),
  users: z.array(seedUserSchema).default([]),
});

export const seedApplicationSchema = z.strictObject({
  appId: guid,
  displayName: z.string().min(1),
  homeTenantId: guid,
  secret: z.string().min(1),
  redirectUris: z.array(z.url()).default([]),
  requiredAppPermissions: z.array(z.string()).default([]),
  appRoles: z.array(z.string()).default([]),
  groupMembershipClaims: z.enum(GROUP_MEMBERSHIP_CLAIMS).default("None"),
});

export const seedConsentSchema = z.strictObject({ tenantId: guid, appId: guid });

export const seedSchema = z
  .strictObject({
    $schema: z.string().optional(),
    tenants: z.array(seedTenantSchema).min(1, "the seed needs at least one tenant"),
    applications: z.array(seedApplicationSchema).default([]),
    consents: z.array(seedConsentSchema).default([]),
  })
  .superRefine((seed, ctx) => {
    const tenantIds = new Set<string>();
    const domains = new Set<string>();
    const userIds = new Set<string>();
    const upns = new Set<string>();
    seed.tenants.forEach((tenant, t) => {
      if (tenantIds.has(tenant.id.toLowerCase())) ctx.addIssue({ code: "custom", path: ["tenants", t, "id"], message: `duplicate tenant id ${tenant.id}` });
      tenantIds.add(tenant.id.toLowerCase());
      tenant.domains.forEach((d, i) => {
        if (domains.has(d.toLowerCase())) ctx.addIssue({ code: "custom", path: ["tenants", t, "domains", i], message: `domain ${d} is used by two tenants` });
        domains.add(d.toLowerCase());
      });
      tenant.users.forEach((user, u) => {
        if (userIds.has(user.id.toLowerCase())) ctx.addIssue({ code: "custom", path: ["tenants", t, "users", u, "id"], message: `duplicate user id ${user.id}` });
        userIds.add(user.id.toLowerCase());
        const upn = user.userPrincipalName.toLowerCase();
        if (upns.has(upn)) ctx.addIssue({ code: "custom", path: ["tenants", t, "users", u, "userPrincipalName"], message: `duplicate userPrincipalName ${user.userPrincipalName}` });
        upns.add(upn);
        const upnDomain = upn.split("@")[1] ?? "";
        if (!tenant.domains.some((d) => d.toLowerCase() === upnDomain)) {
          ctx.addIssue({ code: "custom", path: ["tenants", t, "users", u, "userPrincipalName"], message: `${user.userPrincipalName} is not in one of the tenant's domains (${tenant.domains.join(", ")})` });
        }
      });
    });
    const appIds = new Set<string>();
    seed.applications.forEach((app, a) => {
      if (appIds.has(app.appId.toLowerCase())) ctx.addIssue({ code: "custom", path: ["applications", a, "appId"], message: `duplicate appId ${app.appId}` });
      appIds.add(app.appId.toLowerCase());
      if (!tenantIds.has(app.homeTenantId.toLowerCase())) ctx.addIssue({ code: "custom", path: ["applications", a, "homeTenantId"], message: `unknown tenant ${app.homeTenantId}` });
    });
    seed.consents.forEach((consent, c) => {
      if (!tenantIds.has(consent.tenantId.toLowerCase())) ctx.addIssue({ code: "custom", path: ["consents", c, "tenantId"], message: `unknown tenant ${consent.tenantId}` });
      if (!appIds.has(consent.appId.toLowerCase())) ctx.addIssue({ code: "custom", path: ["consents", c, "appId"], message: `unknown application ${consent.appId}` });
    });
  });

export type Seed = z.infer<typeof seedSchema>;
/** What a caller may hand to the emulator: defaults (licences, flags, roles…) may be left out. */
export type SeedInput = z.input<typeof seedSchema>;
export type SeedUser = z.infer<typeof seedUserSchema>;
export type SeedTenant = z.infer<typeof seedTenantSchema>;

export class SeedError extends Error {
  override name = "SeedError";
}

/** Formats zod issues as `tenants[0].users[2].id: must be a GUID …`, one per line. */
export function describeSeedIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
      return `${path || "(root)"}: ${issue.message}`;
    })
    .join("\n");
}

export function parseSeed(value: unknown, source = "seed"): Seed {
  const result = seedSchema.safeParse(value);
  if (!result.success) throw new SeedError(`Invalid ${source}:\n${describeSeedIssues(result.error)}`);
  return result.data;
}

export function loadSeed(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SeedError(`Cannot read seed file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`Seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(json, `seed file ${path}`);
}

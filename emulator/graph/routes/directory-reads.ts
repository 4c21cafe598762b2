/** /organization, /users and findTenantInformationByDomainName. */
import type { TenantRecord } from "../../store/world.ts";
import type { Route } from "../context.ts";
import { notFound } from "../errors.ts";
import { shapeCollection, shapeEntity, type EntitySpec } from "../odata/shape.ts";
import { PERMISSIONS } from "../permissions.ts";
import { userSpec } from "../directory/specs.ts";
import { assignedPlansOf } from "../../store/licenses.ts";

const isInitial = (domain: string) => domain.toLowerCase().endsWith(".onmicrosoft.com");

/** The initial *.onmicrosoft.com domain (or the first listed), and the default: the first custom domain. */
export function tenantDomains(tenant: TenantRecord): { initial: string; default: string } {
  const initial = tenant.domains.find(isInitial) ?? tenant.domains[0] ?? `${tenant.id}.onmicrosoft.com`;
  return { initial, default: tenant.domains.find((d) => !isInitial(d)) ?? initial };
}

const TENANT_CREATED = "2024-01-15T09:00:00Z";

const organizationSpec: EntitySpec<TenantRecord> = {
  typeName: "organization",
  flavour: "directory",
  toJson: (tenant) => {
    const domains = tenantDomains(tenant);
    // The seed's (or control API's) licences: what Gatehouse's licence pre-flight reads.
    const plans = assignedPlansOf(tenant.licenses, TENANT_CREATED);
    return {
      id: tenant.id,
      deletedDateTime: null,
      businessPhones: [],
      city: null,
      country: null,
      countryLetterCode: "US",
      createdDateTime: TENANT_CREATED,
      defaultUsageLocation: null,
      displayName: tenant.displayName,
      marketingNotificationEmails: [],
      onPremisesLastSyncDateTime: null,
      onPremisesSyncEnabled: null,
      postalCode: null,
      preferredLanguage: "en",
      securityComplianceNotificationMails: [],
      securityComplianceNotificationPhones: [],
      state: null,
      street: null,
      technicalNotificationMails: [],
      tenantType: "AAD",
      assignedPlans: plans,
      provisionedPlans: plans.map((p) => ({ capabilityStatus: p.capabilityStatus, provisioningStatus: "Success", service: p.service })),
      privacyProfile: null,
      verifiedDomains: tenant.domains.map((name) => ({
        capabilities: isInitial(name) ? "Email, OfficeCommunicationsOnline" : "Email",
        isDefault: name === domains.default,
        isInitial: name === domains.initial,
        name,
        type: "Managed",
      })),
    };
  },
};

export const directoryReadRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/organization",
    permission: PERMISSIONS.organizationRead,
    handle: (ctx) => ({ status: 200, body: shapeCollection([ctx.tenant], organizationSpec, ctx.query, ctx.list("organization")) }),
  },
  {
    method: "GET",
    pattern: "/organization/{id}",
    permission: PERMISSIONS.organizationRead,
    handle: (ctx) => {
      if ((ctx.params.id ?? "").toLowerCase() !== ctx.tenant.id) throw notFound("directory", ctx.params.id);
      return { status: 200, body: { "@odata.context": ctx.contextUrl("organization/$entity"), ...shapeEntity(ctx.tenant, organizationSpec, ctx.query.select, []) } };
    },
  },
  {
    method: "GET",
    pattern: "/users",
    permission: PERMISSIONS.userRead,
    handle: (ctx) => ({ status: 200, body: shapeCollection([...ctx.tenant.users.values()], userSpec, ctx.query, ctx.list("users")) }),
  },
  {
    method: "GET",
    pattern: "/users/{id}",
    permission: PERMISSIONS.userRead,
    handle: (ctx) => {
      const key = (ctx.params.id ?? "").toLowerCase();
      const user = ctx.tenant.users.get(key) ?? [...ctx.tenant.users.values()].find((u) => u.userPrincipalName.toLowerCase() === key);
      if (!user) throw notFound("directory", ctx.params.id);
      return { status: 200, body: { "@odata.context": ctx.contextUrl("users/$entity"), ...shapeEntity(user, userSpec, ctx.query.select, ctx.query.expand) } };
    },
  },
  {
    method: "GET",
    pattern: "/tenantRelationships/findTenantInformationByDomainName(domainName='{domainName}')",
    permission: PERMISSIONS.crossTenantRead,
    handle: (ctx) => {
      const domain = ctx.params.domainName ?? "";
      const tenant = ctx.world.findTenant(domain);
      // Only verified domains resolve; a tenant id is not a domain name.
      if (!tenant || !tenant.domains.some((d) => d.toLowerCase() === domain.toLowerCase())) {
        throw notFound("directory", domain);
      }
      return {
        status: 200,
        body: {
          "@odata.context": ctx.contextUrl("microsoft.graph.tenantInformation"),
          tenantId: tenant.id,
          displayName: tenant.displayName,
          defaultDomainName: tenantDomains(tenant).default,
          federationBrandName: null,
        },
      };
    },
  },
];

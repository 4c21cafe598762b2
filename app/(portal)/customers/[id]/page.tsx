import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { CustomerStatusBadge } from "@/components/customers/status-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { actorNames, listAuditEvents } from "@/lib/data/audit";
import { getCustomer } from "@/lib/data/customers";
import { NotFoundError } from "@/lib/errors";
import { defenderPortalUrl, myAccessUrl } from "@/lib/links";
import { getConsentGrantor } from "@/lib/onboarding/consent-grantor";
import { latestConsentProblem } from "@/lib/onboarding/consent-history";
import { missingPermissions } from "@/lib/onboarding/consent-plan";
import { acceptsConsentLinks } from "@/lib/onboarding/customer-status";
import { CONSENT_OUTCOMES } from "@/lib/onboarding/outcomes";
import { IssueLinkForm } from "./_components/invite-controls";
import { InviteHistory } from "./_components/invite-history";
import { OffboardingSection } from "./_components/offboarding-section";
import { ProvisioningSection } from "./_components/provisioning-section";

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("customers:read");
  const { id } = await params;
  const customer = await getCustomer(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const events = can(user, "audit:read") ? await listAuditEvents(user, { target: `customer:${customer.id}` }) : [];
  const names = await actorNames(user, events.map((e) => e.actor));
  const problem = latestConsentProblem(events);
  const grantor = await getConsentGrantor(user, customer.id);
  const canInvite = can(user, "invites:manage") && acceptsConsentLinks(customer.status);
  const activeInvite = customer.invites.find((i) => i.state === "active");
  const missing = customer.tenantId ? missingPermissions(customer.grantedRoles) : [];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/customers" className="text-brand-700 hover:underline">
          ← Customers
        </Link>
      </p>
      <PageHeader title={customer.displayName} description={customer.primaryDomain} actions={<CustomerStatusBadge status={customer.status} />} />
      {problem && (
        <Alert tone="danger" title="The last consent attempt failed" className="mb-6">
          {CONSENT_OUTCOMES[problem.outcome].audit} (<RelativeTime date={problem.at} display="relative" />).
          {problem.reportedByRedirect && (
            <span className="mt-1 block font-mono text-xs">Reported by the redirect (unverified): {problem.reportedByRedirect}</span>
          )}
        </Alert>
      )}
      {missing.length > 0 && (
        <Alert tone="warning" title="The consent lacks permissions Gatehouse needs" className="mb-6">
          Missing: <span className="font-mono text-xs">{missing.join(", ")}</span>. Provisioning cannot complete until the
          customer&apos;s admin consents again: issue a new consent link below.
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Tenant</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList>
              <DetailRow label="Tenant id">
                <span className="font-mono text-xs" data-testid="tenant-id">
                  {customer.tenantId ?? "Not consented yet"}
                </span>
              </DetailRow>
              <DetailRow label="Organization">{customer.tenantName ?? "—"}</DetailRow>
              <DetailRow label="Primary domain">{customer.primaryDomain}</DetailRow>
              <DetailRow label="Consented">{customer.consentedAt ? <RelativeTime date={customer.consentedAt} /> : "—"}</DetailRow>
              <DetailRow label="Consent granted by">
                {grantor ? (
                  <span data-testid="consent-granted-by">
                    {grantor.name ?? grantor.upn} {grantor.upn && grantor.name && <span className="text-slate-500">({grantor.upn})</span>}
                    {grantor.objectId && <span className="block font-mono text-xs text-slate-500">object id {grantor.objectId}</span>}
                  </span>
                ) : (
                  "—"
                )}
              </DetailRow>
              <DetailRow label="Granted permissions">
                {customer.grantedRoles.length ? (
                  <ul className="flex flex-wrap gap-1">
                    {customer.grantedRoles.map((role) => (
                      <li key={role}>
                        <Badge tone="neutral">{role}</Badge>
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </DetailRow>
              <DetailRow label="Contact">
                {customer.contactName || customer.contactEmail
                  ? [customer.contactName, customer.contactEmail].filter(Boolean).join(" · ")
                  : "—"}
              </DetailRow>
              <DetailRow label="Added">
                <RelativeTime date={customer.createdAt} />
                {customer.createdByName && ` by ${customer.createdByName}`}
              </DetailRow>
            </DetailList>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Links</CardTitle>
            <CardDescription>Where analysts and approvers work in this customer&apos;s tenant.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3 text-sm">
            <a className="text-brand-700 hover:underline" href={myAccessUrl(customer.primaryDomain)} target="_blank" rel="noreferrer">
              My Access (request and approve access)
            </a>
            {customer.tenantId ? (
              <a className="text-brand-700 hover:underline" href={defenderPortalUrl(customer.tenantId)} target="_blank" rel="noreferrer">
                Microsoft Defender portal
              </a>
            ) : (
              <p className="text-slate-500">The Defender portal link appears once the customer has consented.</p>
            )}
          </CardContent>
        </Card>
      </div>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Consent links</CardTitle>
          <CardDescription>
            {activeInvite ? (
              <>
                A link is active and expires <RelativeTime date={activeInvite.expiresAt} />. Issuing a new one revokes it.
              </>
            ) : (
              "No link is active."
            )}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {canInvite && <IssueLinkForm customerId={customer.id} hasActive={Boolean(activeInvite)} />}
          <InviteHistory customerId={customer.id} invites={customer.invites} canManage={canInvite} />
        </CardContent>
      </Card>
      <ProvisioningSection user={user} customerId={customer.id} />
      <OffboardingSection user={user} customerId={customer.id} />
      {can(user, "audit:read") && (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Audit trail</CardTitle>
          </CardHeader>
          <CardContent>
            <AuditTable events={events} names={names} />
          </CardContent>
        </Card>
      )}
    </>
  );
}

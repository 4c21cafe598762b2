import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CustomerStatusBadge } from "@/components/customers/status-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePagePermission } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { actorNames, listAuditEvents } from "@/lib/data/audit";
import { listConsentAttempts } from "@/lib/data/consent-attempts";
import { getCustomer } from "@/lib/data/customers";
import { NotFoundError } from "@/lib/errors";
import { getConsentGrantor } from "@/lib/onboarding/consent-grantor";
import { latestConsentProblem } from "@/lib/onboarding/consent-history";
import { missingPermissions } from "@/lib/onboarding/consent-plan";
import { acceptsConsentLinks } from "@/lib/onboarding/customer-status";
import { CONSENT_OUTCOMES } from "@/lib/onboarding/outcomes";
import { DRIFT_CHECKABLE_STATUSES } from "@/lib/provisioning/drift";
import { ConsentSection } from "./_components/consent-section";
import { CustomerAudit } from "./_components/customer-audit";
import { CustomerDeleteDialog } from "./_components/customer-delete-dialog";
import { CustomerEditDialog } from "./_components/customer-edit-dialog";
import { consentProven, CustomerLinks } from "./_components/customer-links";
import { CustomerOverview } from "./_components/customer-overview";
import { DriftSection } from "./_components/drift-section";
import { OffboardingSection } from "./_components/offboarding-section";
import { ProvisioningSection } from "./_components/provisioning-section";

type Params = Promise<{ id: string }>;

// One read per request for the page and its title; another workspace's id is "not found".
const loadCustomer = cache(async (id: string) => {
  const user = await requirePagePermission("customers:read");
  const customer = await getCustomer(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return { user, customer };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { customer } = await loadCustomer((await params).id);
  return { title: `${customer.displayName} · Customers` };
}

export default async function CustomerPage({ params }: { params: Params }) {
  const { user, customer } = await loadCustomer((await params).id);
  const canAudit = can(user, "audit:read");
  const events = canAudit ? await listAuditEvents(user, { target: `customer:${customer.id}` }) : [];
  const names = await actorNames(user, events.map((e) => e.actor));
  // Its own query: a flood of other events on this customer cannot hide the latest attempt.
  const problem = latestConsentProblem(canAudit ? await listConsentAttempts(user, customer.id) : []);
  const grantor = await getConsentGrantor(user, customer.id);
  const canWrite = can(user, "customers:write");
  const canInvite = can(user, "invites:manage") && acceptsConsentLinks(customer.status);
  const missing = customer.tenantId ? missingPermissions(customer.grantedRoles) : [];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/customers" className="text-brand-700 hover:underline">
          ← Customers
        </Link>
      </p>
      <PageHeader
        title={customer.displayName}
        description={<span className="break-all">{customer.primaryDomain}</span>}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <CustomerStatusBadge status={customer.status} />
            {canWrite && (
              <CustomerEditDialog
                customer={{
                  id: customer.id,
                  displayName: customer.displayName,
                  primaryDomain: customer.primaryDomain,
                  contactName: customer.contactName,
                  contactEmail: customer.contactEmail,
                }}
              />
            )}
            {canWrite && !consentProven(customer) && <CustomerDeleteDialog customerId={customer.id} displayName={customer.displayName} />}
          </div>
        }
      />
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
          Missing: <span className="font-mono text-xs break-all">{missing.join(", ")}</span>. Provisioning cannot complete until the
          customer&apos;s admin consents again: create a re-consent link below.
        </Alert>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <CustomerOverview customer={customer} grantor={grantor} />
        <CustomerLinks customer={customer} />
      </div>
      <ConsentSection customer={customer} canInvite={canInvite} />
      {/* Once offboarding starts, its section is the tenant's story: no stale plan, no Apply. */}
      {customer.status !== "offboarding" && customer.status !== "offboarded" && <ProvisioningSection user={user} customerId={customer.id} />}
      {customer.tenantId && DRIFT_CHECKABLE_STATUSES.includes(customer.status) && <DriftSection user={user} customerId={customer.id} />}
      <OffboardingSection user={user} customerId={customer.id} />
      {can(user, "audit:read") && <CustomerAudit events={events} names={names} />}
    </>
  );
}

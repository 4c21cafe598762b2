import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { RelativeTime } from "@/components/ui/relative-time";
import type { CustomerDetail } from "@/lib/data/customers";
import type { ConsentGrantor } from "@/lib/onboarding/consent-grantor";

/** Who the customer is: its tenant (resolved at add time, proven at consent), domain and contact. */
export function CustomerOverview({ customer, grantor }: { customer: CustomerDetail; grantor: ConsentGrantor | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Tenant</CardTitle>
      </CardHeader>
      <CardContent>
        <DetailList>
          <DetailRow label="Tenant id" mono>
            <span className="text-xs" data-testid="tenant-id">
              {customer.tenantId ?? "Not consented yet"}
            </span>
          </DetailRow>
          {!customer.tenantId && customer.resolvedTenantId && (
            <DetailRow label="Domain's tenant">
              <span className="font-mono text-xs break-all" data-testid="resolved-tenant-id">
                {customer.resolvedTenantId}
              </span>
              <span className="mt-0.5 block text-xs text-slate-500">Found at Microsoft when the customer was added.</span>
            </DetailRow>
          )}
          <DetailRow label="Organization">{customer.tenantName ?? "—"}</DetailRow>
          <DetailRow label="Primary domain" mono>
            <span className="text-xs">{customer.primaryDomain}</span>
          </DetailRow>
          <DetailRow label="Consented">{customer.consentedAt ? <RelativeTime date={customer.consentedAt} className="whitespace-normal" /> : "—"}</DetailRow>
          <DetailRow label="Consent granted by">
            {grantor ? (
              <span data-testid="consent-granted-by" className="break-all">
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
                    <Badge tone="neutral" className="whitespace-normal break-all">
                      {role}
                    </Badge>
                  </li>
                ))}
              </ul>
            ) : (
              "—"
            )}
          </DetailRow>
          <DetailRow label="Contact">
            {customer.contactName || customer.contactEmail ? (
              <span data-testid="customer-contact">{[customer.contactName, customer.contactEmail].filter(Boolean).join(" · ")}</span>
            ) : (
              "—"
            )}
          </DetailRow>
          <DetailRow label="Added">
            <RelativeTime date={customer.createdAt} className="whitespace-normal" />
            {customer.createdByName && ` by ${customer.createdByName}`}
          </DetailRow>
        </DetailList>
      </CardContent>
    </Card>
  );
}

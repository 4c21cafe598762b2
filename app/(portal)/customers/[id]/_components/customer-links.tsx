import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ExternalLink } from "@/components/ui/external-link";
import type { CustomerDetail } from "@/lib/data/customers";
import { defenderPortalUrl, myAccessUrl } from "@/lib/links";

/** A tenant id is recorded only once consent is proven; before that these links would lead nowhere. */
export function consentProven(customer: Pick<CustomerDetail, "tenantId" | "consentedAt">): boolean {
  return customer.tenantId !== null && customer.consentedAt !== null;
}

export function CustomerLinks({ customer }: { customer: CustomerDetail }) {
  const proven = consentProven(customer) && customer.status !== "offboarded";
  return (
    <Card>
      <CardHeader>
        <CardTitle>Links</CardTitle>
        <CardDescription>Where analysts and approvers work in this customer&apos;s tenant.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {proven && customer.tenantId ? (
          <>
            <ExternalLink href={myAccessUrl(customer.primaryDomain)}>
              My Access (request and approve access)
            </ExternalLink>
            <ExternalLink href={defenderPortalUrl(customer.tenantId)}>
              Microsoft Defender portal
            </ExternalLink>
          </>
        ) : (
          <p className="text-slate-500" data-testid="links-pending">
            {customer.status === "offboarded"
              ? "The customer is offboarded: Gatehouse removed MSSP access from this tenant, so there is nothing to request here."
              : "The My Access and Defender portal links appear once the customer's administrator has granted consent."}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

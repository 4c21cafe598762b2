import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import type { CustomerDetail } from "@/lib/data/customers";
import { consentProven } from "./customer-links";
import { IssueLinkForm } from "./invite-controls";
import { InviteHistory } from "./invite-history";

/**
 * Consent links. Before consent, creating one is the next step; after it, a new consent is
 * rarely needed, so it is a secondary action that says when.
 */
export function ConsentSection({ customer, canInvite }: { customer: CustomerDetail; canInvite: boolean }) {
  const activeInvite = customer.invites.find((i) => i.state === "active");
  const consented = consentProven(customer);
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>{consented ? "Consent" : "Consent links"}</CardTitle>
        <CardDescription>
          {activeInvite ? (
            <>
              A link is active and expires <RelativeTime date={activeInvite.expiresAt} />. Creating a new one revokes it.
            </>
          ) : consented && customer.consentedAt ? (
            <>
              The customer&apos;s administrator granted consent <RelativeTime date={customer.consentedAt} />.
            </>
          ) : (
            "No link is active."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {canInvite && !consented && (
          <IssueLinkForm
            customerId={customer.id}
            label={activeInvite ? "Replace with a new link" : "Create consent link"}
            variant={activeInvite ? "outline" : "primary"}
          />
        )}
        {canInvite && consented && (
          <div className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700" data-testid="reconsent">
            <p>
              <span className="font-medium text-slate-900">Re-consent is needed only</span> when Gatehouse asks for permissions
              this tenant has not granted (a warning above lists them), or when the customer&apos;s administrator removed
              Gatehouse from their tenant. The administrator then opens a new link and grants consent again.
            </p>
            <IssueLinkForm customerId={customer.id} label={activeInvite ? "Replace the re-consent link" : "Create re-consent link"} variant="outline" />
          </div>
        )}
        <InviteHistory customerId={customer.id} invites={customer.invites} canManage={canInvite} />
      </CardContent>
    </Card>
  );
}

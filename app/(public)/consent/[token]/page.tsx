import type { Metadata } from "next";
import { ConsentExplainer } from "@/components/consent/consent-explainer";
import { Brand } from "@/components/shell/brand";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { startConsentAction } from "./actions";
import { lookupInvite } from "@/lib/onboarding/consent-start";

export const metadata: Metadata = { title: "Grant access to your MSSP", robots: { index: false, follow: false } };

const UNUSABLE = {
  unknown: {
    title: "This consent link is not valid",
    body: "Check that you copied the whole link. If it still does not work, ask your MSSP for a new one.",
  },
  expired: { title: "This consent link has expired", body: "Ask your MSSP for a new link." },
  used: { title: "This consent link was already used", body: "Consent was already granted with it. Nothing else is needed." },
  revoked: { title: "This consent link was withdrawn", body: "Your MSSP withdrew it. Ask them for a new one." },
} as const;

function Shell({ children }: { children: React.ReactNode }) {
  return <main className="mx-auto flex min-h-screen max-w-4xl flex-col gap-6 px-6 py-10">{children}</main>;
}

function UnusableLink({ reason }: { reason: keyof typeof UNUSABLE }) {
  const message = UNUSABLE[reason];
  return (
    <Shell>
      <Brand />
      <div role="alert" className="rounded-lg border border-amber-300 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">{message.title}</h1>
        <p className="mt-2 text-slate-600">{message.body}</p>
      </div>
    </Shell>
  );
}

export default async function ConsentPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await lookupInvite(token);
  if (!invite.found) return <UnusableLink reason="unknown" />;
  if (invite.state !== "active") return <UnusableLink reason={invite.state} />;
  const { mssp, customer } = invite;
  return (
    <Shell>
      <Brand />
      <header>
        <p className="text-sm font-medium text-brand-600">Request from {mssp.name}</p>
        <h1 className="mt-1 text-3xl font-semibold text-slate-900">
          {mssp.name} asks for access to {customer.displayName}&apos;s Microsoft Defender
        </h1>
        <p className="mt-3 max-w-3xl text-slate-600">
          {mssp.name} ({mssp.primaryDomain}) is your managed security service provider. To let its analysts work in your
          tenant <strong>{customer.primaryDomain}</strong> with approved, time-limited access, it uses Gatehouse. A Global
          Administrator or Privileged Role Administrator of your tenant signs in and grants admin consent at Microsoft;
          Gatehouse then sets up the objects below.
        </p>
        <p className="mt-2 text-sm text-slate-500">
          This link expires <RelativeTime date={invite.expiresAt} /> and works once.
        </p>
      </header>
      <ConsentExplainer msspName={mssp.name} />
      <section className="rounded-lg border border-brand-100 bg-brand-50 p-6">
        <h2 className="text-lg font-semibold text-slate-900">Ready?</h2>
        <p className="mt-1 text-sm text-slate-600">
          You will sign in at Microsoft as an administrator of {customer.primaryDomain} and review the permissions there.
          Nothing is created before you accept.
        </p>
        <Alert tone="info" className="mt-4">
          Sign in with a Global Administrator or Privileged Role Administrator account of the organization that owns{" "}
          {customer.primaryDomain}. Gatehouse checks your sign-in, your role and the consent with Microsoft before it
          records anything, and records who granted it.
        </Alert>
        <form action={startConsentAction} className="mt-4">
          <input type="hidden" name="token" value={token} />
          <Button type="submit" size="lg">
            Grant consent at Microsoft
          </Button>
        </form>
      </section>
    </Shell>
  );
}

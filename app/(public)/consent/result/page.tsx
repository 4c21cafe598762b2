import type { Metadata } from "next";
import { Brand } from "@/components/shell/brand";
import { SetupProgress } from "@/components/provisioning/setup-progress";
import { consentResult } from "@/lib/onboarding/consent-result";
import { CONSENT_OUTCOMES } from "@/lib/onboarding/outcomes";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "Consent", robots: { index: false, follow: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const INVALID = {
  title: "This result link is not valid",
  body: "This page shows the outcome of a consent attempt only when it is opened from that attempt. Nothing changed. Open the link from your MSSP to start again.",
};

export default async function ConsentResultPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const result = await consentResult(typeof params.r === "string" ? params.r : undefined);
  const text = result.valid ? CONSENT_OUTCOMES[result.outcome] : INVALID;
  const success = result.valid && result.outcome === "granted";
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 px-6 py-12">
      <Brand />
      <div
        role={success ? "status" : "alert"}
        className={cn("rounded-lg border bg-white p-6 shadow-sm", success ? "border-emerald-300" : "border-amber-300")}
      >
        <h1 className="text-2xl font-semibold text-slate-900">{text.title}</h1>
        {result.valid && result.customerName && result.msspName && (
          <p className="mt-1 text-sm text-slate-500">
            {result.customerName} · requested by {result.msspName}
          </p>
        )}
        <p className="mt-3 text-slate-700">{text.body}</p>
        {result.valid && result.outcome === "wrong-tenant" && result.customerDomain && (
          <p className="mt-3 text-slate-700">
            Sign in with an administrator account of the organization that owns <strong>{result.customerDomain}</strong>.
          </p>
        )}
        {result.valid && result.microsoftReason && (
          <p className="mt-4 rounded-md bg-slate-100 p-3 text-sm text-slate-700">What Microsoft reported: {result.microsoftReason}</p>
        )}
      </div>
      {success && typeof params.r === "string" && <SetupProgress query={new URLSearchParams({ r: params.r }).toString()} />}
    </main>
  );
}

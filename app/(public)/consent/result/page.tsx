import type { Metadata } from "next";
import { Brand } from "@/components/shell/brand";
import { SetupProgress } from "@/components/provisioning/setup-progress";
import { consentResult } from "@/lib/onboarding/consent-result";
import { CONSENT_OUTCOMES } from "@/lib/onboarding/outcomes";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "Consent", robots: { index: false, follow: false } };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConsentResultPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const result = await consentResult({
    outcome: typeof params.outcome === "string" ? params.outcome : undefined,
    invite: typeof params.invite === "string" ? params.invite : undefined,
  });
  const text = CONSENT_OUTCOMES[result.outcome];
  const success = result.outcome === "granted";
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col gap-6 px-6 py-12">
      <Brand />
      <div
        role={success ? "status" : "alert"}
        className={cn("rounded-lg border bg-white p-6 shadow-sm", success ? "border-emerald-300" : "border-amber-300")}
      >
        <h1 className="text-2xl font-semibold text-slate-900">{text.title}</h1>
        {result.customerName && result.msspName && (
          <p className="mt-1 text-sm text-slate-500">
            {result.customerName} · requested by {result.msspName}
          </p>
        )}
        <p className="mt-3 text-slate-700">{text.body}</p>
        {result.microsoftMessage && (
          <p className="mt-4 rounded-md bg-slate-100 p-3 font-mono text-xs text-slate-700">Microsoft said: {result.microsoftMessage}</p>
        )}
      </div>
      {success && typeof params.invite === "string" && <SetupProgress query={new URLSearchParams({ invite: params.invite }).toString()} />}
    </main>
  );
}

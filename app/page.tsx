import Link from "next/link";
import { DemoBanner } from "@/components/shell/demo-banner";
import { Brand } from "@/components/shell/brand";
import { buttonClassName } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";

const STEPS = [
  { title: "Onboard", body: "An MSSP admin adds a customer and sends its admin one consent link." },
  { title: "Consent", body: "The customer's admin reads exactly what will be created and grants admin consent at Microsoft." },
  { title: "Provision", body: "Gatehouse creates groups, Defender roles, a connected organization, a catalog and access packages through Microsoft Graph, and keeps them correct." },
  { title: "Work", body: "Analysts request access in the customer's My Access, approvers approve, and access expires after a year unless renewed." },
];

const CREATED = [
  "Security groups: Tier 1 Analyst, Tier 2 Analyst, MSSP Analyst Approvers",
  "Defender XDR roles for each tier (Tier 2 adds live response)",
  "A connected organization for the MSSP's own tenant",
  "An externally visible catalog, MSSP Accesses, holding the groups",
  "Access packages with approval, 365-day expiry and an annual access review",
];

export default async function LandingPage() {
  const user = await getCurrentUser();
  return (
    <div className="min-h-screen">
      {env.GATEHOUSE_DEMO && <DemoBanner />}
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-6 py-3">
          <Brand />
          <Link href={user ? "/dashboard" : "/sign-in"} className={buttonClassName({ size: "sm" })}>
            {user ? "Open the portal" : "Sign in"}
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-12">
        <section className="max-w-3xl">
          <h1 className="text-4xl font-semibold tracking-tight text-slate-900">MSSP access to every customer tenant, done right.</h1>
          <p className="mt-4 text-lg text-slate-600">
            Gatehouse automates Microsoft&apos;s documented MSSP access recipe across all your customers&apos; Microsoft Entra
            tenants: time-limited, approved, reviewed access for your SOC analysts, and one view of who has access where.
          </p>
        </section>
        <section aria-labelledby="how" className="mt-12">
          <h2 id="how" className="text-lg font-semibold text-slate-900">
            How it works
          </h2>
          <ol className="mt-4 grid gap-4 md:grid-cols-4">
            {STEPS.map((step, index) => (
              <li key={step.title}>
                <Card className="h-full">
                  <CardHeader>
                    <CardTitle>
                      <span className="mr-2 text-brand-600">{index + 1}.</span>
                      {step.title}
                    </CardTitle>
                  </CardHeader>
                  <CardContent className="text-sm text-slate-600">{step.body}</CardContent>
                </Card>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="created" className="mt-12 grid gap-8 md:grid-cols-2">
          <div>
            <h2 id="created" className="text-lg font-semibold text-slate-900">
              What it creates in each customer tenant
            </h2>
            <ul className="mt-4 list-disc space-y-2 pl-5 text-sm text-slate-600">
              {CREATED.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </div>
          <div>
            <h2 className="text-lg font-semibold text-slate-900">Who uses it</h2>
            <dl className="mt-4 space-y-3 text-sm">
              <div>
                <dt className="font-medium text-slate-900">MSSP admins</dt>
                <dd className="text-slate-600">onboard customers, apply and repair provisioning, offboard.</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-900">Approvers</dt>
                <dd className="text-slate-600">see every pending request across customers.</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-900">Analysts</dt>
                <dd className="text-slate-600">find each customer&apos;s request links and Defender portal, and their own expiry dates.</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-900">Customer admins</dt>
                <dd className="text-slate-600">grant consent from a link; no Gatehouse account needed.</dd>
              </div>
            </dl>
          </div>
        </section>
      </main>
    </div>
  );
}

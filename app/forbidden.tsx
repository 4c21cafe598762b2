import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Your role cannot open this page</h1>
      <p className="mt-3 text-slate-600">
        Gatehouse shows each role only what it needs. If you need this page, ask a Gatehouse admin to change your app role in
        Microsoft Entra ID.
      </p>
      <Link href="/dashboard" className={buttonClassName({ className: "mt-6" })}>
        Back to the dashboard
      </Link>
    </main>
  );
}

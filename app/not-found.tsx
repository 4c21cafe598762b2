import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">Not found</h1>
      <p className="mt-3 text-slate-600">This page does not exist, or it belongs to a workspace you are not part of.</p>
      <Link href="/" className={buttonClassName({ className: "mt-6" })}>
        Go to the start page
      </Link>
    </main>
  );
}

import Link from "next/link";
import { Brand } from "@/components/shell/brand";
import { buttonClassName } from "@/components/ui/button";
import { REFUSAL_MESSAGES, type RefusalReason } from "@/lib/auth/sign-in-decision";

export const metadata = { title: "Sign-in refused" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RefusedPage({ searchParams }: { searchParams: SearchParams }) {
  const { reason } = await searchParams;
  const key: RefusalReason =
    typeof reason === "string" && Object.hasOwn(REFUSAL_MESSAGES, reason) ? (reason as RefusalReason) : "incomplete-token";
  const message = REFUSAL_MESSAGES[key];
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col gap-6 px-6 py-12">
      <Brand />
      <div role="alert" className="rounded-lg border border-red-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">{message.title}</h1>
        <p className="mt-3 text-slate-600">{message.body}</p>
        <p className="mt-3 text-sm text-slate-500">You are not signed in to Gatehouse.</p>
        <Link href="/sign-in" className={buttonClassName({ variant: "outline", className: "mt-6" })}>
          Try another account
        </Link>
      </div>
    </main>
  );
}

import Link from "next/link";
import { Brand } from "@/components/shell/brand";
import { buttonClassName } from "@/components/ui/button";
import { isSessionEndReason, SESSION_END_MESSAGES } from "@/lib/auth/session/policy";

export const metadata = { title: "Session ended" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The reason only picks one of the fixed texts: a crafted URL can show no words of its own.
export default async function SessionEndedPage({ searchParams }: { searchParams: SearchParams }) {
  const { reason } = await searchParams;
  const message = isSessionEndReason(reason)
    ? SESSION_END_MESSAGES[reason]
    : { title: "Your session ended", body: "Sign in again to continue." };
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col gap-6 px-6 py-12">
      <Brand />
      <div role="alert" className="rounded-lg border border-amber-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">{message.title}</h1>
        <p className="mt-3 text-slate-600">{message.body}</p>
        <p className="mt-3 text-sm text-slate-500">You are not signed in to Gatehouse.</p>
        <Link href="/sign-in" className={buttonClassName({ className: "mt-6" })}>
          Sign in again
        </Link>
      </div>
    </main>
  );
}

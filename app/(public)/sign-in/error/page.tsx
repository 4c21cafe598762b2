import Link from "next/link";
import { Brand } from "@/components/shell/brand";
import { buttonClassName } from "@/components/ui/button";

export const metadata = { title: "Sign-in failed" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Auth.js error codes, in words a person can act on.
const MESSAGES: Record<string, string> = {
  Configuration: "Gatehouse's sign-in settings are wrong or Microsoft Entra ID could not be reached. Tell the people who run this Gatehouse.",
  AccessDenied: "Sign-in was refused.",
  Verification: "The sign-in link is no longer valid.",
  OAuthCallbackError: "Microsoft returned an error during sign-in. Try again.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { error } = await searchParams;
  const message = (typeof error === "string" && MESSAGES[error]) || "Sign-in did not complete. Try again.";
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col gap-6 px-6 py-12">
      <Brand />
      <div role="alert" className="rounded-lg border border-red-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">Sign-in failed</h1>
        <p className="mt-3 text-slate-600">{message}</p>
        <Link href="/sign-in" className={buttonClassName({ variant: "outline", className: "mt-6" })}>
          Back to sign-in
        </Link>
      </div>
    </main>
  );
}

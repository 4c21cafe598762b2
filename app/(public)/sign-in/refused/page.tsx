import { REFUSAL_MESSAGES, type RefusalReason } from "@/lib/auth/sign-in-decision";
import { SignInNotice } from "../_components/sign-in-notice";

export const metadata = { title: "Sign-in refused" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RefusedPage({ searchParams }: { searchParams: SearchParams }) {
  const { reason } = await searchParams;
  const key: RefusalReason =
    typeof reason === "string" && Object.hasOwn(REFUSAL_MESSAGES, reason) ? (reason as RefusalReason) : "incomplete-token";
  const message = REFUSAL_MESSAGES[key];
  return (
    <SignInNotice title={message.title} tone="danger" action={{ label: "Try another account", variant: "outline" }}>
      <p className="mt-3 text-slate-600">{message.body}</p>
      <p className="mt-3 text-sm text-slate-500">You are not signed in to Gatehouse.</p>
    </SignInNotice>
  );
}

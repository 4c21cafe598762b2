import { isSessionEndReason, SESSION_END_MESSAGES } from "@/lib/auth/session/policy";
import { SignInNotice } from "../_components/sign-in-notice";

export const metadata = { title: "Session ended" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The reason only picks one of the fixed texts: a crafted URL can show no words of its own.
export default async function SessionEndedPage({ searchParams }: { searchParams: SearchParams }) {
  const { reason } = await searchParams;
  const message = isSessionEndReason(reason)
    ? SESSION_END_MESSAGES[reason]
    : { title: "Your session ended", body: "Sign in again to continue." };
  return (
    <SignInNotice title={message.title} tone="warning" action={{ label: "Sign in again", variant: "primary" }}>
      <p className="mt-3 text-slate-600">{message.body}</p>
      <p className="mt-3 text-sm text-slate-500">You are not signed in to Gatehouse.</p>
    </SignInNotice>
  );
}

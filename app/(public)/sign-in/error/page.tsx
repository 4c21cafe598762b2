import { SignInNotice } from "../_components/sign-in-notice";

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
    <SignInNotice title="Sign-in failed" tone="danger" action={{ label: "Back to sign-in", variant: "outline" }}>
      <p className="mt-3 text-slate-600">{message}</p>
    </SignInNotice>
  );
}

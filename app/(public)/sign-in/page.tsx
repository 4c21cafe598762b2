import { redirect } from "next/navigation";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import { Brand } from "@/components/shell/brand";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getCurrentUser } from "@/lib/auth/current-user";
import { signInAction } from "@/lib/auth/sign-in-action";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in" };

// Auth.js sends sign-in failures back here as ?error=<type>.
const SIGN_IN_ERRORS: Record<string, { title: string; text: string }> = {
  OAuthCallbackError: {
    title: "Sign-in was cancelled",
    text: "Microsoft did not complete the sign-in: it was cancelled, or Microsoft refused it. Nothing was changed. Try again, or pick another account.",
  },
  AccessDenied: { title: "Sign-in was refused", text: "Your account may not use this Gatehouse. Try again with another account, or ask your Gatehouse admin." },
};
const OTHER_ERROR = { title: "Sign-in did not complete", text: "Something interrupted the sign-in. Try again." };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const configured = Boolean(env.ENTRA_CLIENT_ID && env.ENTRA_CLIENT_SECRET && env.AUTH_SECRET);
  const failure = typeof params.error === "string" ? (SIGN_IN_ERRORS[params.error] ?? OTHER_ERROR) : null;

  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col gap-6 px-6 py-12">
      <Brand />
      <Card>
        <CardHeader>
          <CardTitle>Sign in to Gatehouse</CardTitle>
          <CardDescription>Use your MSSP work account. Gatehouse signs you in with Microsoft Entra ID.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {params.signedOut === "1" && <Alert tone="success">You have signed out.</Alert>}
          {failure && (
            <Alert tone="warning" title={failure.title}>
              {failure.text}
            </Alert>
          )}
          {!configured && (
            <Alert tone="danger" title="Sign-in is not configured">
              Set ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and AUTH_SECRET (see the README section “Register Gatehouse in
              Entra ID”), or run <code>npm start</code> without them to use the local emulator.
            </Alert>
          )}
          <form action={signInAction}>
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" size="lg" disabled={!configured}>
              {failure ? "Try again" : "Sign in with Microsoft"}
            </Button>
          </form>
        </CardContent>
      </Card>
      {env.GATEHOUSE_DEMO && env.GATEHOUSE_DEMO_ACCOUNTS && <DemoAccounts accounts={env.GATEHOUSE_DEMO_ACCOUNTS} />}
    </main>
  );
}

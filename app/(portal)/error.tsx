"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// Unexpected failures only: expected ones (not found, forbidden) have their own pages. The
// server logged the details; the digest lets an operator find them.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl py-16">
      <Alert tone="danger" title="This page could not be loaded">
        Something went wrong on our side; nothing was changed. Try again, and if it keeps failing, give your administrator this
        reference: <span className="font-mono">{error.digest ?? "none"}</span>.
      </Alert>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}

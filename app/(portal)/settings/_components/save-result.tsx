"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/auth/action";
import type { SaveBlueprintOutcome } from "@/lib/data/blueprint-versions";

/** What the last save did: the new version's changes, nothing, a conflict, or what to fix. */
export function SaveResult({ state }: { state: ActionState<SaveBlueprintOutcome> }) {
  if (state.status === "idle") return null;
  if (state.status === "error") return <Alert tone="danger" title="Not saved">{state.message}</Alert>;
  const result = state.data;
  if (result.outcome === "unchanged") return <Alert tone="info" title="Nothing changed">{`The blueprint is still version ${result.version}; nothing was saved.`}</Alert>;
  if (result.outcome === "conflict") {
    return (
      <Alert tone="warning" title="Not saved: someone else saved first">
        <p>{result.message}</p>
        <a href="/settings" className="mt-2 inline-block font-medium underline">
          Reload the blueprint
        </a>
      </Alert>
    );
  }
  return (
    <Alert tone="success" title={`Saved as version ${result.version}`} data-testid="blueprint-saved">
      <ul className="mt-1 list-disc pl-5">
        {result.changes.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap gap-x-4 gap-y-1 font-medium">
        <Link href="/settings/rollout" className="underline">
          Preview the rollout
        </Link>
        <Link href="/settings/blueprint/versions" className="underline">
          All versions
        </Link>
      </div>
    </Alert>
  );
}

"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/auth/action";
import { checkAllDriftAction } from "../actions";

export function CheckAll() {
  const [state, action, pending] = useActionState(checkAllDriftAction, { status: "idle" } as ActionState<number>);
  return (
    <form action={action} className="grid justify-items-end gap-2">
      <Button type="submit" variant="outline" pending={pending}>
        Check all now
      </Button>
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
      {state.status === "success" && <p className="text-sm text-slate-600">{state.message}</p>}
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionState } from "@/lib/auth/action";
import { checkAllDriftAction } from "../actions";

export function CheckAll() {
  const [state, action, pending] = useActionState(checkAllDriftAction, { status: "idle" } as ActionState<number>);
  return (
    <form action={action} className="grid justify-items-end gap-2">
      <Button type="submit" variant="outline" pending={pending}>
        Check all now
      </Button>
      <FormError state={state} />
      {state.status === "success" && <p className="text-sm text-slate-600">{state.message}</p>}
    </form>
  );
}

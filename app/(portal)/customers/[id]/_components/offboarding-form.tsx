"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/auth/action";
import { offboardAction } from "./offboarding-actions";

/** The typed confirmation: the customer's domain, exactly. */
export function OffboardingForm({ customerId, domain }: { customerId: string; domain: string }) {
  const [state, formAction, pending] = useActionState(offboardAction, { status: "idle" } as ActionState<{ customerId: string }>);
  return (
    <form action={formAction} className="grid max-w-md gap-3">
      <input type="hidden" name="customerId" value={customerId} />
      {state.status === "error" && !state.fieldErrors?.confirm && <Alert tone="danger">{state.message}</Alert>}
      <FormField
        label={<>Type <span className="font-mono">{domain}</span> to confirm</>}
        error={state.status === "error" ? state.fieldErrors?.confirm?.[0] : undefined}
      >
        <Input name="confirm" autoComplete="off" spellCheck={false} defaultValue={state.status === "error" ? state.values?.confirm : undefined} />
      </FormField>
      <div>
        <Button type="submit" variant="danger" pending={pending}>
          Offboard customer
        </Button>
      </div>
    </form>
  );
}

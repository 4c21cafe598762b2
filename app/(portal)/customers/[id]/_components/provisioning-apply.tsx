"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useActionState, useState } from "react";
import { PlanDiff } from "@/components/provisioning/plan-diff";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Spinner } from "@/components/ui/spinner";
import type { ActionState } from "@/lib/auth/action";
import type { RequestedRun } from "@/lib/jobs/provisioning-requests";
import type { Plan } from "@/lib/provisioning/types";
import { applyProvisioningAction } from "./provisioning-actions";

async function fetchPlan(customerId: string): Promise<Plan> {
  const response = await fetch(`/api/customers/${customerId}/provisioning/plan`, { cache: "no-store" });
  const body = (await response.json().catch(() => null)) as (Plan & { error?: { message: string } }) | null;
  if (!response.ok || !body) throw new Error(body?.error?.message ?? "The plan could not be read. Try again.");
  return body;
}

/** Review first: the plan is read from the tenant, shown as a diff, and only then applied. */
export function ProvisioningApply({ customerId, busy }: { customerId: string; busy: boolean }) {
  const [reviewing, setReviewing] = useState(false);
  const queryClient = useQueryClient();
  const plan = useQuery({ queryKey: ["provisioning-plan", customerId], queryFn: () => fetchPlan(customerId), enabled: reviewing, staleTime: 0, retry: false });
  const [state, formAction, pending] = useActionState(async (previous: ActionState<RequestedRun>, form: FormData) => {
    const result = await applyProvisioningAction(previous, form);
    if (result.status === "success") {
      // The panel starts polling the run the moment it sees it.
      setReviewing(false);
      await queryClient.invalidateQueries({ queryKey: ["provisioning", customerId] });
    }
    return result;
  }, { status: "idle" } as ActionState<RequestedRun>);

  if (busy) return null;
  return (
    <div className="grid gap-3">
      <FormError state={state} />
      {!reviewing ? (
        <div>
          <Button variant="outline" onClick={() => setReviewing(true)}>
            Review changes
          </Button>
        </div>
      ) : plan.isPending ? (
        <Spinner label="Reading the tenant" />
      ) : plan.isError ? (
        <Alert tone="danger" title="The plan could not be read">
          {plan.error.message}
        </Alert>
      ) : plan.data.blocked ? (
        <Alert tone="danger" title="Provisioning is blocked">
          {plan.data.blocked.message}
        </Alert>
      ) : (
        <>
          <PlanDiff plan={plan.data} />
          <form action={formAction} className="flex flex-wrap gap-2">
            <input type="hidden" name="customerId" value={customerId} />
            <Button type="submit" pending={pending}>
              Apply
            </Button>
            <Button type="button" variant="ghost" onClick={() => setReviewing(false)}>
              Cancel
            </Button>
          </form>
        </>
      )}
    </div>
  );
}

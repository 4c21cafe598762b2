"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/auth/action";
import type { DriftStatus } from "@/lib/provisioning/drift";
import { checkDriftAction, repairDriftAction } from "./drift-actions";

/** Check now (reads the tenant) and Repair (applies the plan that fixes the drift). */
export function DriftControls({ customerId, canRepair }: { customerId: string; canRepair: boolean }) {
  const [checked, check, checking] = useActionState(checkDriftAction, { status: "idle" } as ActionState<DriftStatus>);
  const [repaired, repair, repairing] = useActionState(repairDriftAction, { status: "idle" } as ActionState<DriftStatus>);
  const last = [repaired, checked].find((s) => s.status !== "idle");
  return (
    <div className="grid gap-3">
      {last?.status === "error" && <Alert tone="danger">{last.message}</Alert>}
      {last?.status === "success" && last.message && <Alert tone={last.data === "clean" ? "success" : "info"}>{last.message}</Alert>}
      <div className="flex flex-wrap gap-2">
        <form action={check}>
          <input type="hidden" name="customerId" value={customerId} />
          <Button type="submit" variant="outline" pending={checking} disabled={repairing}>
            Check now
          </Button>
        </form>
        {canRepair && (
          <form action={repair}>
            <input type="hidden" name="customerId" value={customerId} />
            <Button type="submit" variant="danger" pending={repairing} disabled={checking}>
              Repair
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}

import { ChangeList } from "@/components/provisioning/change-list";
import { ManualChecklist } from "@/components/provisioning/manual-checklist";
import { StepStatusBadge } from "@/components/provisioning/step-status";
import type { StepView } from "@/lib/data/provisioning";

/** The step log: every step's outcome, its error in plain words and Graph's request ids. */
export function ProvisioningSteps({ steps }: { steps: StepView[] }) {
  return (
    <ol className="grid gap-2" aria-label="Provisioning steps">
      {steps.map((step) => (
        <li key={step.key} className="rounded-md border border-slate-200 p-3" data-step={step.key} data-status={step.status}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium text-slate-900">{step.title}</span>
            <StepStatusBadge status={step.status} />
          </div>
          <p className="mt-1 text-sm text-slate-600">{step.reason}</p>
          {step.status === "failed" && step.errorMessage && (
            <p className="mt-2 text-sm text-red-800">
              {step.errorMessage}
              {step.errorCode && <span className="ml-1 font-mono text-xs">({step.errorCode})</span>}
            </p>
          )}
          {step.manual && <ManualChecklist checklist={step.manual} />}
          {step.action !== "none" && step.status !== "succeeded" && <ChangeList change={step.change} />}
          {step.requestIds.length > 0 && (
            <p className="mt-2 text-xs text-slate-500">
              Graph request id{step.requestIds.length > 1 ? "s" : ""}:{" "}
              <span className="font-mono break-all">{step.requestIds.join(", ")}</span>
              {step.attempts > 1 && ` · ${step.attempts} attempts`}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

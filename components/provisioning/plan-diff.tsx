import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Plan, StepAction } from "@/lib/provisioning/types";
import { ChangeList } from "./change-list";
import { ManualChecklist } from "./manual-checklist";

const ACTION: Record<StepAction, { label: string; tone: BadgeTone }> = {
  create: { label: "create", tone: "success" },
  update: { label: "update", tone: "warning" },
  adopt: { label: "adopt", tone: "brand" },
  none: { label: "no change", tone: "neutral" },
  manual: { label: "manual", tone: "danger" },
  remove: { label: "remove", tone: "danger" },
};

/** The plan as a readable diff: what will be created, changed or adopted, and why. */
export function PlanDiff({ plan }: { plan: Plan }) {
  const changes = plan.steps.filter((s) => s.action !== "none");
  const unchanged = plan.steps.length - changes.length;
  return (
    <div className="grid gap-3" data-testid="plan-diff">
      <p className="text-sm text-slate-700">
        {changes.length === 0
          ? "The tenant already matches the blueprint: applying makes no change."
          : `${changes.length} change${changes.length === 1 ? "" : "s"}; ${unchanged} object${unchanged === 1 ? "" : "s"} already as in the blueprint.`}
      </p>
      <ol className="grid gap-2">
        {changes.map((step) => (
          <li key={step.key} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={ACTION[step.action].tone}>{ACTION[step.action].label}</Badge>
              <span className="font-medium text-slate-900">{step.title}</span>
            </div>
            <p className="mt-1 text-sm text-slate-600">{step.reason}</p>
            <ChangeList change={step.change} />
            {step.manual && <ManualChecklist checklist={step.manual} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

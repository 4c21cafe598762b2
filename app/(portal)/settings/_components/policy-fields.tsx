"use client";

import { Button } from "@/components/ui/button";
import { MAX_APPROVAL_STAGES, MAX_DECISION_DAYS, type BlueprintGroup, type BlueprintPackage } from "@/lib/provisioning/blueprint";
import { CheckField, FieldRow, SelectField, TextAreaField, TextField } from "./editor-fields";

const REVIEW_OPTIONS = [
  { value: "none", label: "No access review" },
  { value: "1", label: "Every month" },
  { value: "3", label: "Every 3 months" },
  { value: "6", label: "Every 6 months" },
  { value: "12", label: "Every year" },
];

/** The assignment policy of one package: who may ask, who approves (1–2 stages), for how long. */
export function PolicyFields({ index, pkg, groups, onStages }: { index: number; pkg: BlueprintPackage; groups: BlueprintGroup[]; onStages: (count: number) => void }) {
  const at = `accessPackages.${index}.policy`;
  const approvers = [
    ...groups.map((g) => ({ value: `group:${g.key}`, label: `Members of ${g.displayName}` })),
    { value: "consentAdmin", label: "The customer administrator who granted consent" },
  ];
  const stages = pkg.policy.stages.length;
  return (
    <div className="grid gap-4 rounded-md bg-slate-50 p-3">
      <p className="text-sm font-medium text-slate-800">Request policy</p>
      <FieldRow>
        <TextField name={`${at}.displayName`} label="Policy name" />
        <TextAreaField name={`${at}.description`} label="Policy description" />
      </FieldRow>
      <FieldRow>
        <TextField name={`${at}.expirationDays`} label="Access expires after (days)" inputMode="numeric" description="1 to 3650 days; the recipe uses 365." />
        <SelectField name={`${at}.reviewEveryMonths`} label="Access review" options={REVIEW_OPTIONS} />
      </FieldRow>
      <div className="grid gap-3">
        {pkg.policy.stages.map((_, j) => (
          <div key={j} className="grid gap-3">
            <SelectField
              name={`${at}.stages.${j}.approver`}
              label={stages > 1 ? `Approval stage ${j + 1}: who approves` : "Who approves"}
              options={approvers}
              description={j === 1 ? "Asked after stage 1 approves; either stage can deny." : undefined}
            />
            <FieldRow>
              <TextField
                name={`${at}.stages.${j}.decisionDays`}
                label="Approvers decide within (days)"
                inputMode="numeric"
                description={`1 to ${MAX_DECISION_DAYS} days; undecided requests are then denied.`}
              />
              <CheckField name={`${at}.stages.${j}.approverJustificationRequired`} label="Approvers must give a reason" description="For approving and for denying." />
            </FieldRow>
          </div>
        ))}
        <div className="flex flex-wrap gap-2">
          {stages < MAX_APPROVAL_STAGES ? (
            <Button variant="outline" size="sm" onClick={() => onStages(stages + 1)}>
              Add a second approval stage
            </Button>
          ) : (
            <Button variant="outline" size="sm" onClick={() => onStages(stages - 1)}>
              Remove approval stage {stages}
            </Button>
          )}
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <CheckField name={`${at}.justificationRequired`} label="Requests need a reason" />
        <CheckField name={`${at}.allowExtension`} label="Analysts may ask to extend" />
      </div>
    </div>
  );
}

export function PackageFields({ index, pkg, groups, onStages }: { index: number; pkg: BlueprintPackage; groups: BlueprintGroup[]; onStages: (count: number) => void }) {
  const at = `accessPackages.${index}`;
  return (
    <div className="grid gap-4">
      <input type="hidden" name={`${at}.key`} value={pkg.key} />
      <input type="hidden" name={`${at}.group`} value={pkg.group} />
      <FieldRow>
        <TextField name={`${at}.displayName`} label="Access package name" />
        <TextAreaField name={`${at}.description`} label="Access package description" />
      </FieldRow>
      <PolicyFields index={index} pkg={pkg} groups={groups} onStages={onStages} />
    </div>
  );
}

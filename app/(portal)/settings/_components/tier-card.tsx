"use client";

import { Button } from "@/components/ui/button";
import type { BlueprintDefinition, BlueprintGroup } from "@/lib/provisioning/blueprint";
import { FieldGroup, FieldRow, TextAreaField, TextField } from "./editor-fields";
import { PackageFields } from "./policy-fields";

/**
 * One blueprint group with what hangs on it: the Defender roles assigned to it and the access
 * packages that grant it. A tier is such a group with a Defender role; the Approvers group has none.
 */
export function TierCard({ group, definition, legend, onRemove, onStages }: {
  group: BlueprintGroup;
  definition: BlueprintDefinition;
  legend: string;
  onRemove?: () => void;
  onStages: (packageKey: string, count: number) => void;
}) {
  const g = definition.groups.indexOf(group);
  const roles = definition.defenderRoles.map((r, i) => ({ r, i })).filter(({ r }) => r.group === group.key);
  const packages = definition.accessPackages.map((p, i) => ({ p, i })).filter(({ p }) => p.group === group.key);
  return (
    <FieldGroup
      legend={legend}
      actions={onRemove ? (
        <Button variant="outline" size="sm" onClick={onRemove}>
          Remove this tier
        </Button>
      ) : undefined}
    >
      <input type="hidden" name={`groups.${g}.key`} value={group.key} />
      <FieldRow>
        <TextField name={`groups.${g}.displayName`} label="Group name" />
        <TextField name={`groups.${g}.mailNickname`} label="Mail nickname" mono description="No spaces or @ ( ) [ ] ; : . < > ," />
      </FieldRow>
      <TextAreaField name={`groups.${g}.description`} label="Group description" />
      {roles.map(({ r, i }) => (
        <div key={r.key} className="grid gap-4 border-t border-slate-100 pt-4">
          <input type="hidden" name={`defenderRoles.${i}.key`} value={r.key} />
          <input type="hidden" name={`defenderRoles.${i}.group`} value={r.group} />
          <FieldRow>
            <TextField name={`defenderRoles.${i}.displayName`} label="Defender role name" />
            <TextAreaField name={`defenderRoles.${i}.description`} label="Defender role description" />
          </FieldRow>
          <FieldRow>
            <TextAreaField name={`defenderRoles.${i}.includeActions`} label="Defender actions included" mono description="One pattern a line; * matches anything, e.g. microsoft.xdr/secops/*" />
            <TextAreaField name={`defenderRoles.${i}.excludeActions`} label="Defender actions excluded" mono description="Taken out of the included ones; leave empty for none." />
          </FieldRow>
        </div>
      ))}
      {packages.map(({ p, i }) => (
        <div key={p.key} className="border-t border-slate-100 pt-4">
          <PackageFields index={i} pkg={p} groups={definition.groups} onStages={(count) => onStages(p.key, count)} />
        </div>
      ))}
    </FieldGroup>
  );
}

export function GeneralFields() {
  return (
    <FieldGroup legend="Catalog and connected organization">
      <FieldRow>
        <TextField name="catalog.displayName" label="Catalog name" />
        <TextAreaField name="catalog.description" label="Catalog description" />
      </FieldRow>
      <TextAreaField name="connectedOrganization.description" label="Connected organization description" description="The organization is always the workspace's own MSSP tenant." />
    </FieldGroup>
  );
}

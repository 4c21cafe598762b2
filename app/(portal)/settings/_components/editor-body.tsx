"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import type { BlueprintDefinition } from "@/lib/provisioning/blueprint";
import { addTier, isTier, removeTier, setStageCount } from "@/lib/provisioning/blueprint-edits";
import { FALLBACK_FIELDS, formValuesOf } from "@/lib/provisioning/blueprint-form";
import { CheckField, EditorValues, FieldGroup, FieldRow, TextField } from "./editor-fields";
import { GeneralFields, TierCard } from "./tier-card";

const MAX_GROUPS = 20;

/**
 * The fields. Which tiers and stages exist is client state (adding one needs no round trip);
 * what is typed stays in the inputs, which are keyed by the blueprint's stable keys.
 */
export function EditorBody({ definition: initial, errors }: { definition: BlueprintDefinition; errors: Record<string, string[]> }) {
  const [definition, setDefinition] = useState(initial);
  const defaults = useMemo(() => formValuesOf(definition), [definition]);
  const tiers = definition.groups.filter((g) => isTier(definition, g.key));
  const others = definition.groups.filter((g) => !isTier(definition, g.key));
  const onStages = (packageKey: string, count: number) => setDefinition((d) => setStageCount(d, packageKey, count));
  // Legends keep the stored names so a tier is recognisable while its name is being edited.
  // Errors on no single field (the blueprint as a whole, a forged name) are listed at the top.
  const loose = Object.entries(errors).filter(([name]) => !(name in defaults));
  const legendOf = (key: string, fallback: string) => initial.groups.find((g) => g.key === key)?.displayName ?? fallback;

  return (
    <EditorValues.Provider value={{ defaults, errors }}>
      {loose.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-red-700" role="alert">
          {loose.map(([name, messages]) => (
            <li key={name}>{`${name || "blueprint"}: ${messages.join(" ")}`}</li>
          ))}
        </ul>
      ) : null}
      <FieldGroup legend="Automation">
        <div className="grid gap-3 sm:grid-cols-2">
          <CheckField name="autoProvisionOnConsent" label="Provision as soon as a customer consents" description="Otherwise an admin applies each customer by hand." />
          <CheckField name="autoRepairHighDrift" label="Repair high drift at once" description="High drift is access wider than the blueprint." />
        </div>
      </FieldGroup>

      <section aria-labelledby="tiers-heading" className="grid gap-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h4 id="tiers-heading" className="text-sm font-semibold text-slate-900">
            Analyst tiers ({tiers.length})
          </h4>
          <Button variant="outline" size="sm" disabled={definition.groups.length >= MAX_GROUPS} onClick={() => setDefinition(addTier)}>
            Add a tier
          </Button>
        </div>
        {tiers.length === 0 ? <p className="text-sm text-slate-600">No tiers: analysts could not request any Defender access. Add one.</p> : null}
        {tiers.map((g) => (
          <TierCard
            key={g.key}
            group={g}
            definition={definition}
            legend={legendOf(g.key, g.displayName)}
            onRemove={() => setDefinition((d) => removeTier(d, g.key))}
            onStages={onStages}
          />
        ))}
      </section>

      {others.map((g) => (
        <TierCard key={g.key} group={g} definition={definition} legend={legendOf(g.key, g.displayName)} onStages={onStages} />
      ))}

      <FieldGroup legend="When the customer administrator is not known">
        <p className="-mt-1 text-sm text-slate-600">
          Stages approved by &ldquo;the customer administrator who granted consent&rdquo; need that person&apos;s object id, which consent
          proves. For a customer where it is not known, this customer user approves instead. Leave both empty for nobody.
        </p>
        <FieldRow>
          <TextField name={FALLBACK_FIELDS.objectId} label="Stand-in approver's object id" mono description="The user's Entra object id (a GUID), in the customer tenant." />
          <TextField name={FALLBACK_FIELDS.displayName} label="Stand-in approver's name" />
        </FieldRow>
      </FieldGroup>

      <GeneralFields />
    </EditorValues.Provider>
  );
}

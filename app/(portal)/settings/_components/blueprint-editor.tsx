"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/auth/action";
import type { SaveBlueprintOutcome } from "@/lib/data/blueprint-versions";
import { blueprintSchema, type Blueprint } from "@/lib/provisioning/blueprint";
import { BASE_VERSION_FIELD, readBlueprintForm } from "@/lib/provisioning/blueprint-form";
import { blueprintWarnings } from "@/lib/provisioning/blueprint-warnings";
import { saveBlueprintAction } from "../actions";
import { EditorBody } from "./editor-body";
import { SaveResult } from "./save-result";

const textValues = (form: FormData) => Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));

/**
 * The blueprint form (admins). Submitting checks for risky values first and asks to confirm
 * them; the server validates everything again. The outcome shows next to the Save button. The
 * fields are remounted per saved version so they show what was stored.
 */
export function BlueprintEditor({ blueprint }: { blueprint: Blueprint }) {
  const [state, formAction, pending] = useActionState<ActionState<SaveBlueprintOutcome>, FormData>(saveBlueprintAction, { status: "idle" });
  const [confirm, setConfirm] = useState<{ form: FormData; warnings: string[] } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // The form is long: after a refused save, go to the first field that needs fixing.
  useEffect(() => {
    if (state.status === "error") formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  const send = (form: FormData) => {
    setConfirm(null);
    startTransition(() => formAction(form));
  };

  // Submitting by hand (not <form action>) keeps what was typed: React resets an action form afterwards.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = blueprintSchema.safeParse(readBlueprintForm(textValues(form)).definition);
    const warnings = parsed.success ? blueprintWarnings(parsed.data, blueprint.definition) : [];
    if (warnings.length > 0) {
      setConfirm({ form, warnings });
      return;
    }
    send(form);
  };

  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-5" aria-label="Blueprint editor">
      <input type="hidden" name={BASE_VERSION_FIELD} value={blueprint.version} />
      <EditorBody key={blueprint.version} definition={blueprint.definition} errors={errors} />
      <SaveResult state={state} />
      {confirm ? (
        <Alert tone="warning" title="Check these before saving">
          <ul className="mt-1 list-disc pl-5">
            {confirm.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" onClick={() => send(confirm.form)}>
              Save anyway
            </Button>
            <Button size="sm" variant="outline" onClick={() => setConfirm(null)}>
              Keep editing
            </Button>
          </div>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 pt-4">
        <p className="mr-auto text-xs text-slate-500">Saving makes version {blueprint.version + 1}: customers provisioned from now on get it, and existing customers show drift until you roll it out.</p>
        <Button type="submit" pending={pending}>
          Save blueprint
        </Button>
      </div>
    </form>
  );
}

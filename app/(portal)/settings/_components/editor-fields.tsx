"use client";

import { createContext, useContext, type ReactNode } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

/**
 * The editor's fields are uncontrolled: each starts from `defaults[name]` (formValuesOf) and
 * shows `errors[name]` from the last save. Names are blueprint paths (lib/provisioning/blueprint-form).
 */
export const EditorValues = createContext<{ defaults: Record<string, string>; errors: Record<string, string[]> }>({ defaults: {}, errors: {} });

const errorOf = (errors: Record<string, string[]>, name: string) => errors[name]?.join(" ");

export function TextField({ name, label, description, mono, inputMode }: { name: string; label: string; description?: ReactNode; mono?: boolean; inputMode?: "numeric" }) {
  const { defaults, errors } = useContext(EditorValues);
  return (
    <FormField label={label} description={description} error={errorOf(errors, name)}>
      <Input name={name} defaultValue={defaults[name] ?? ""} inputMode={inputMode} className={mono ? "font-mono text-xs" : undefined} autoComplete="off" />
    </FormField>
  );
}

export function TextAreaField({ name, label, description, mono, rows = 2 }: { name: string; label: string; description?: ReactNode; mono?: boolean; rows?: number }) {
  const { defaults, errors } = useContext(EditorValues);
  return (
    <FormField label={label} description={description} error={errorOf(errors, name)}>
      <Textarea name={name} defaultValue={defaults[name] ?? ""} rows={rows} className={mono ? "font-mono text-xs" : undefined} />
    </FormField>
  );
}

export function SelectField({ name, label, options, description }: { name: string; label: string; options: { value: string; label: string }[]; description?: ReactNode }) {
  const { defaults, errors } = useContext(EditorValues);
  return (
    <FormField label={label} description={description} error={errorOf(errors, name)}>
      <Select name={name} defaultValue={defaults[name] ?? options[0]?.value}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </FormField>
  );
}

/** A hidden "false" before the box: an unticked box still sends its name (the last value wins). */
export function CheckField({ name, label, description }: { name: string; label: string; description?: ReactNode }) {
  const { defaults, errors } = useContext(EditorValues);
  return (
    <div className="grid gap-1">
      <input type="hidden" name={name} value="false" />
      <Checkbox name={name} value="true" defaultChecked={defaults[name] === "true"} label={label} description={description} />
      {errors[name] ? (
        <p role="alert" className="text-xs font-medium text-red-600">
          {errorOf(errors, name)}
        </p>
      ) : null}
    </div>
  );
}

export function FieldGroup({ legend, children, actions }: { legend: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <fieldset className="grid min-w-0 gap-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {actions ? <div className="-mt-2 flex flex-wrap justify-end gap-2">{actions}</div> : null}
      {children}
    </fieldset>
  );
}

export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-1 gap-4 md:grid-cols-2">{children}</div>;
}

import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  label: ReactNode;
  description?: ReactNode;
};

/** A native checkbox with its label beside it (and an optional hint under the label). */
export function Checkbox({ label, description, className, id, ...props }: CheckboxProps) {
  const generated = useId();
  const controlId = id ?? generated;
  return (
    <div className={cn("flex items-start gap-2", className)}>
      <input
        id={controlId}
        type="checkbox"
        aria-describedby={description ? `${controlId}-description` : undefined}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-brand-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        {...props}
      />
      <div className="grid gap-0.5">
        <label htmlFor={controlId} className="text-sm font-medium leading-tight text-slate-800">
          {label}
        </label>
        {description ? (
          <p id={`${controlId}-description`} className="text-xs text-slate-500">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}

import { useId, type ReactNode } from "react";
import { Slot } from "radix-ui";
import { cn } from "@/lib/utils/cn";
import { Label } from "./label";

type FormFieldProps = {
  label: ReactNode;
  /** The single control (Input, Textarea, select…); it receives `id`, `aria-describedby` and `aria-invalid`. */
  children: ReactNode;
  description?: ReactNode;
  /** Error message; when set the control is marked invalid and the message is announced. */
  error?: ReactNode;
  /** Control id; generated when omitted. */
  id?: string;
  required?: boolean;
  className?: string;
};

export function FormField({ label, children, description, error, id, required, className }: FormFieldProps) {
  const generated = useId();
  const controlId = id ?? generated;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== "";
  const describedBy = [description ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ");

  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={controlId}>
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-0.5 text-red-600">
            *
          </span>
        ) : null}
      </Label>
      <Slot.Root
        id={controlId}
        aria-describedby={describedBy || undefined}
        aria-invalid={hasError || undefined}
        aria-required={required || undefined}
      >
        {children}
      </Slot.Root>
      {description ? (
        <p id={descriptionId} className="text-xs text-slate-500">
          {description}
        </p>
      ) : null}
      {hasError ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

"use client";

import { Fragment, useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "./dialog";

/**
 * A dialog holding one form. Each opening mounts the form afresh, so the last opening's typed
 * values, errors or result never show again. `children` gets `close` for Cancel and Done.
 */
export function FormDialog({
  trigger,
  title,
  description,
  children,
}: {
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setFormKey((k) => k + 1);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <Fragment key={formKey}>{children(() => setOpen(false))}</Fragment>
      </DialogContent>
    </Dialog>
  );
}

/** A dialog form's buttons: the way out, then the submit button that shows the action running. */
export function FormDialogFooter({
  submitLabel,
  pending,
  onCancel,
  cancelLabel = "Cancel",
  variant = "primary",
  disabled,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
  cancelLabel?: string;
  variant?: ButtonVariant;
  disabled?: boolean;
}) {
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button type="submit" variant={variant} pending={pending} disabled={disabled}>
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}

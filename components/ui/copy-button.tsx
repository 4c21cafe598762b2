"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils/cn";
import { Button, type ButtonProps } from "./button";
import { CheckIcon, CopyIcon } from "./icons";
import { toast } from "./toast-store";

type CopyButtonProps = Omit<ButtonProps, "onClick" | "children" | "asChild"> & {
  /** The text to put on the clipboard. */
  text: string;
  /** Accessible name and visible text; default "Copy". */
  label?: string;
  /** Toast title after a successful copy; default "Copied to clipboard". */
  successMessage?: string;
  /** Show only the icon (the label stays the accessible name). */
  iconOnly?: boolean;
};

const COPIED_MS = 2000;

export function CopyButton({
  text,
  label = "Copy",
  successMessage = "Copied to clipboard",
  iconOnly = false,
  variant = "outline",
  size = "sm",
  className,
  ...props
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fallback = useRef<HTMLInputElement>(null);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("Clipboard API unavailable");
      await navigator.clipboard.writeText(text);
    } catch {
      // Leave the text selected so the user can press Ctrl+C / Cmd+C themselves.
      fallback.current?.focus();
      fallback.current?.select();
      toast({ title: "Couldn't copy automatically", description: "The text is selected: press Ctrl+C to copy it.", tone: "error" });
      return;
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), COPIED_MS);
    toast({ title: successMessage, tone: "success" });
  }

  const Icon = copied ? CheckIcon : CopyIcon;
  const visible = copied ? "Copied" : label;
  return (
    <>
      <Button
        variant={variant}
        size={iconOnly ? "icon" : size}
        className={cn(iconOnly && size === "sm" && "size-8", className)}
        aria-label={iconOnly ? (copied ? "Copied" : label) : undefined}
        onClick={() => void copy()}
        {...props}
      >
        <Icon className={copied ? "text-emerald-600" : undefined} />
        {iconOnly ? null : <span>{visible}</span>}
      </Button>
      <input
        ref={fallback}
        readOnly
        value={text}
        tabIndex={-1}
        aria-hidden="true"
        className="pointer-events-none fixed top-0 left-0 size-px opacity-0"
      />
    </>
  );
}

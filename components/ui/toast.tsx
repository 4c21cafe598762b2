"use client";

import { useSyncExternalStore } from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { cn } from "@/lib/utils/cn";
import { CloseIcon } from "./icons";
import { dismissToast, getServerToasts, getToasts, subscribeToasts, type ToastTone } from "./toast-store";

export { toast, type ToastOptions, type ToastTone } from "./toast-store";

const tones: Record<ToastTone, { box: string; dot: string }> = {
  success: { box: "border-emerald-200", dot: "bg-emerald-500" },
  error: { box: "border-red-200", dot: "bg-red-500" },
  info: { box: "border-slate-200", dot: "bg-brand-500" },
};

/** Mount once in the root layout. Renders the toasts queued with `toast()`. */
export function Toaster() {
  const items = useSyncExternalStore(subscribeToasts, getToasts, getServerToasts);
  return (
    <ToastPrimitive.Provider swipeDirection="right" label="Notifications">
      {items.map(({ id, open, title, description, tone = "info", duration }) => (
        <ToastPrimitive.Root
          key={id}
          open={open}
          onOpenChange={(next) => {
            if (!next) dismissToast(id);
          }}
          duration={duration ?? (tone === "error" ? 8000 : 5000)}
          type={tone === "error" ? "foreground" : "background"}
          role="status"
          aria-live="off"
          aria-atomic="true"
          className={cn(
            "group pointer-events-auto relative flex w-full items-start gap-3 rounded-lg border bg-white p-4 pr-10 shadow-lg",
            "transition-[opacity,translate] duration-200 starting:translate-x-6 starting:opacity-0",
            "data-[state=closed]:opacity-0",
            "data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=move]:transition-none",
            "data-[swipe=cancel]:translate-x-0 data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x)",
            "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
            tones[tone].box,
          )}
        >
          <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", tones[tone].dot)} />
          <div className="grid gap-1">
            <ToastPrimitive.Title className="text-sm font-semibold text-slate-900">{title}</ToastPrimitive.Title>
            {description ? (
              <ToastPrimitive.Description className="text-sm text-slate-600">{description}</ToastPrimitive.Description>
            ) : null}
          </div>
          <ToastPrimitive.Close
            aria-label="Close"
            className="absolute top-3 right-3 rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          >
            <CloseIcon />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="fixed right-0 bottom-0 z-[100] m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
    </ToastPrimitive.Provider>
  );
}

/** Module-level toast queue shared by `toast()` and `<Toaster />`. Client-side only. */

export type ToastTone = "success" | "error" | "info";

export type ToastOptions = {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before auto-dismiss; default 5000 (8000 for errors). */
  duration?: number;
};

export type ToastItem = ToastOptions & { id: number; open: boolean };

const MAX_TOASTS = 4;
/** How long a closed toast stays mounted so Radix can finish closing it. */
const REMOVE_DELAY_MS = 300;

let toasts: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const EMPTY: ToastItem[] = [];

function setToasts(next: ToastItem[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

export function subscribeToasts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getToasts = (): ToastItem[] => toasts;
export const getServerToasts = (): ToastItem[] => EMPTY;

export function dismissToast(id: number): void {
  setToasts(toasts.map((t) => (t.id === id ? { ...t, open: false } : t)));
  setTimeout(() => setToasts(toasts.filter((t) => t.id !== id)), REMOVE_DELAY_MS);
}

/** Shows a toast from any client component. Returns a function that dismisses it. */
export function toast(options: ToastOptions): () => void {
  const id = nextId++;
  setToasts([...toasts, { ...options, id, open: true }].slice(-MAX_TOASTS));
  return () => dismissToast(id);
}

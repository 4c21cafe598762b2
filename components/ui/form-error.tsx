import { Alert } from "./alert";

/** The message of a form action that failed (an action's `ActionState`), announced as an alert. */
export function FormError({ state }: { state: { status: string; message?: string } }) {
  return state.status === "error" ? <Alert tone="danger">{state.message}</Alert> : null;
}

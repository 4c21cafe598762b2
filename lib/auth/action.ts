import "server-only";
import { z } from "zod";
import { AppError, InvalidInputError } from "@/lib/errors";
import { getSessionState, type CurrentUser } from "./current-user";
import { SESSION_END_MESSAGES } from "./session/policy";
import { requirePermission, type Permission } from "./permissions";

export type ActionState<T> =
  | { status: "idle" }
  | { status: "success"; data: T; message?: string }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export const idleState = { status: "idle" } as const;

function formValues(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  // Next adds $ACTION_* bookkeeping fields to progressive-enhancement forms.
  return Object.fromEntries([...input.entries()].filter(([key]) => !key.startsWith("$ACTION_")));
}

function echoValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/**
 * One chain for every server action: zod input → session → permission → handler. Expected errors
 * (AppError) show their message; anything else is logged and the user sees a generic message.
 * The submitted values come back with a validation error so a form never loses what was typed.
 */
export function authorizedAction<Schema extends z.ZodType, T>(
  schema: Schema,
  permission: Permission,
  handler: (input: z.infer<Schema>, user: CurrentUser) => Promise<{ data: T; message?: string }>,
) {
  return async (_previous: ActionState<T>, input: FormData | Record<string, unknown>): Promise<ActionState<T>> => {
    const values = formValues(input);
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      return { status: "error", message: "Check the highlighted fields.", fieldErrors, values: echoValues(values) };
    }
    try {
      const session = await getSessionState();
      if (session.status === "ended") return { status: "error", message: `${SESSION_END_MESSAGES[session.reason].title}. Sign in again.` };
      if (session.status !== "active") return { status: "error", message: "Your session has ended. Sign in again." };
      const user = session.user;
      requirePermission(user, permission);
      const result = await handler(parsed.data, user);
      return { status: "success", data: result.data, message: result.message };
    } catch (error) {
      if (error instanceof InvalidInputError) {
        return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values: echoValues(values) };
      }
      if (error instanceof AppError) return { status: "error", message: error.message, values: echoValues(values) };
      console.error("Server action failed", error);
      return { status: "error", message: "Something went wrong on our side. Nothing was changed; try again.", values: echoValues(values) };
    }
  };
}

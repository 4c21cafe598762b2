import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getSessionState, type CurrentUser } from "./current-user";
import { SESSION_END_MESSAGES } from "./session/policy";
import { requirePermission, type Permission } from "./permissions";

type RouteContext<P> = { params: Promise<P> };

export function errorResponse(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Maps any failure to a response that leaks nothing: zod → 422, AppError → its status, else 500. */
export function handleRouteError(error: unknown): Response {
  if (error instanceof z.ZodError) {
    return errorResponse(422, "invalid_input", "The request is not valid.", { issues: z.flattenError(error).fieldErrors });
  }
  if (error instanceof AppError) return errorResponse(error.status, error.code, error.message);
  console.error("Route handler failed", error);
  return errorResponse(500, "internal_error", "Something went wrong on our side.");
}

/** Route-handler wrapper: session → permission → handler, with one error mapper. */
export function withPermission<P = Record<string, never>>(
  permission: Permission,
  handler: (args: { request: Request; user: CurrentUser; params: P }) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const session = await getSessionState();
      if (session.status === "ended") {
        return errorResponse(401, "session_ended", `${SESSION_END_MESSAGES[session.reason].title}. Sign in again.`, { reason: session.reason });
      }
      if (session.status !== "active") return errorResponse(401, "unauthenticated", "Sign in to continue.");
      const user = session.user;
      requirePermission(user, permission);
      return await handler({ request, user, params: await context.params });
    } catch (error) {
      return handleRouteError(error);
    }
  };
}

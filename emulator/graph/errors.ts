/**
 * Graph's error shape. Every failure inside the Graph surface is thrown as a GraphError and
 * turned into `{ error: { code, message, innerError } }` in one place (the pipeline), so the
 * request-id in the body always matches the response header.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { "request-id": string; date: string; "client-request-id"?: string };
  };
}

export function graphErrorBody(error: GraphError, ids: { requestId: string; clientRequestId?: string; date: Date }): GraphErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: ids.date.toISOString().replace(/\.\d{3}Z$/, "Z"),
        "request-id": ids.requestId,
        ...(ids.clientRequestId ? { "client-request-id": ids.clientRequestId } : {}),
      },
    },
  };
}

// Directory objects (groups, users, organization) answer with the AAD-flavoured codes,
// entitlement management and the rest with the plain OData ones.
export type ErrorFlavour = "directory" | "odata";

export const badRequest = (message: string, flavour: ErrorFlavour = "odata") =>
  new GraphError(400, flavour === "directory" ? "Request_BadRequest" : "BadRequest", message);

export const notFound = (flavour: ErrorFlavour, id?: string) =>
  flavour === "directory"
    ? new GraphError(404, "Request_ResourceNotFound", `Resource '${id ?? ""}' does not exist or one of its queried reference-property objects are not present.`)
    : new GraphError(404, "ResourceNotFound", id ? `Resource '${id}' was not found.` : "The requested resource was not found.");

export const noSuchRoute = (method: string, path: string) =>
  new GraphError(400, "BadRequest", `Resource not found for the segment '${path.split("/").filter(Boolean).pop() ?? path}'. (${method} ${path})`);

export const forbidden = (message = "Insufficient privileges to complete the operation.") =>
  new GraphError(403, "Authorization_RequestDenied", message);

export const conflict = (message: string, code = "Request_MultipleObjectsWithSameKeyValue") => new GraphError(409, code, message);

/**
 * JSON batching (`POST /$batch`): up to 20 requests with unique ids and relative URLs,
 * `dependsOn` ordering, 424 for dependents of failed requests. Independent requests run
 * concurrently, so responses come back in completion order, as Graph allows.
 */
import type { GraphRequest, GraphResult, Route, RouteContext } from "../context.ts";
import { badRequest, GraphError } from "../errors.ts";
import { PERMISSIONS } from "../permissions.ts";
import { validateBatch, type BatchItem } from "../batch/batch-request.ts";

const MAX_REQUESTS = 20;

async function runBatch(ctx: RouteContext) {
  const items = validateBatch(ctx.request.body, MAX_REQUESTS);
  const results = new Map<string, GraphResult>();
  const responses: unknown[] = [];
  const authorization = ctx.request.headers["authorization"];
  const batchId = crypto.randomUUID();
  const respond = (id: string, result: GraphResult) => {
    results.set(id, result);
    responses.push({ id, status: result.status, headers: result.headers ?? {}, ...(result.body !== undefined ? { body: result.body } : {}) });
  };
  const runOne = async (item: BatchItem) => {
    const failed = (item.dependsOn ?? []).find((dep) => (results.get(dep)?.status ?? 0) >= 400);
    if (failed) {
      const error = new GraphError(424, "FailedDependency", `The dependent request '${failed}' failed.`);
      respond(item.id, { status: 424, headers: { "content-type": "application/json" }, body: { error: { code: error.code, message: error.message } } });
      return;
    }
    const problem = item.problem;
    if (problem) {
      respond(item.id, { status: 400, headers: { "content-type": "application/json" }, body: { error: { code: "BadRequest", message: problem } } });
      return;
    }
    const request: GraphRequest = { ...item.request, version: ctx.request.version, batchId };
    const result = await ctx.graph.execute({ ...request, headers: { ...request.headers, ...(authorization ? { authorization } : {}) } }, authorization);
    // Inner responses carry their own headers; the transport-level ones stay on the outer response.
    const { date: _date, "x-ms-ags-diagnostic": _diag, ...headers } = result.headers ?? {};
    respond(item.id, { ...result, headers });
  };
  const pending = new Map(items.map((item) => [item.id, item]));
  while (pending.size > 0) {
    const ready = [...pending.values()].filter((item) => (item.dependsOn ?? []).every((dep) => results.has(dep)));
    if (ready.length === 0) throw badRequest("The dependsOn graph of the batch has a cycle.");
    ready.forEach((item) => pending.delete(item.id));
    await Promise.all(ready.map(runOne));
  }
  return { status: 200, body: { responses } };
}

export const batchRoutes: Route[] = [{ method: "POST", pattern: "/$batch", permission: PERMISSIONS.none, handle: runBatch }];

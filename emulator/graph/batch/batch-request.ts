/** Validation of a $batch body into runnable inner requests (pure). */
import type { GraphRequest } from "../context.ts";
import { badRequest } from "../errors.ts";

export interface BatchItem {
  id: string;
  dependsOn?: string[];
  request: Omit<GraphRequest, "version">;
  /** a per-request problem reported as that request's 400, the rest of the batch still runs */
  problem?: string;
}

const METHODS = new Set(["GET", "POST", "PATCH", "PUT", "DELETE"]);

export function validateBatch(body: unknown, max: number): BatchItem[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests)) throw badRequest("Invalid batch payload format: the 'requests' array is required.");
  if (requests.length === 0) throw badRequest("Invalid batch payload format: the batch contains no requests.");
  if (requests.length > max) throw badRequest(`The number of batch requests exceeds the limit of ${max}.`);
  const ids = new Set<string>();
  const items = requests.map((raw: unknown, i): BatchItem => {
    const r = raw as Record<string, unknown>;
    if (!r || typeof r !== "object") throw badRequest(`Invalid batch payload format: request ${i} is not an object.`);
    const unknown = Object.keys(r).find((k) => !["id", "method", "url", "headers", "body", "dependsOn"].includes(k));
    if (unknown) throw badRequest(`Invalid batch payload format: unknown property '${unknown}' in request ${i}.`);
    if (typeof r.id !== "string" || !r.id) throw badRequest(`Invalid batch payload format: request ${i} has no 'id'.`);
    if (ids.has(r.id)) throw badRequest(`Batch request ids must be unique; '${r.id}' appears more than once.`);
    ids.add(r.id);
    if (typeof r.method !== "string" || !METHODS.has(r.method.toUpperCase())) throw badRequest(`Invalid batch payload format: request '${r.id}' has an invalid 'method'.`);
    if (typeof r.url !== "string") throw badRequest(`Invalid batch payload format: request '${r.id}' has no 'url'.`);
    const headers = Object.fromEntries(Object.entries((r.headers as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const dependsOn = r.dependsOn === undefined ? undefined : (r.dependsOn as unknown[]).map(String);
    const item: BatchItem = { id: r.id, ...(dependsOn ? { dependsOn } : {}), request: { method: r.method.toUpperCase(), path: "/", query: "", headers, body: r.body } };
    if (/^https?:\/\//i.test(r.url)) {
      item.problem = `Request '${r.id}': the url must be relative to the version, e.g. '/groups' (absolute URLs are not supported).`;
      return item;
    }
    const url = new URL(`https://batch.invalid${r.url.startsWith("/") ? "" : "/"}${r.url}`);
    item.request.path = decodeURIComponent(url.pathname).replace(/^\/(v1\.0|beta)(?=\/)/, "");
    item.request.query = url.search.replace(/^\?/, "");
    if (item.request.path.toLowerCase() === "/$batch") item.problem = `Request '${r.id}': a batch cannot contain another $batch request.`;
    else if (r.body !== undefined && !headers["content-type"]) item.problem = `Write request id : ${r.id} does not contain Content-Type header or body.`;
    return item;
  });
  for (const item of items) {
    for (const dep of item.dependsOn ?? []) {
      if (!ids.has(dep)) throw badRequest(`Request '${item.id}' depends on '${dep}', which is not in the batch.`);
    }
  }
  return items;
}

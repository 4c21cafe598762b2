import "server-only";
import { GraphError, TokenError } from "./errors";
import { parseRetryAfter } from "./error-mapping";

/**
 * A small fetch-based Graph transport for the provisioning recipe. Unlike the SDK client it
 * hands back every answer's `request-id` (each step records them), bounds each call with a
 * timeout, honours `Retry-After` with its own bounded retry loop, and speaks `$batch`.
 * Non-idempotent writes are never retried after an ambiguous failure (timeout, dropped
 * connection): the caller decides, because only it can check whether the object exists.
 */

export interface GraphHttpOptions {
  /** `https://graph.microsoft.com` or the emulator's origin (no version) */
  graphBaseUrl: string;
  tenantId: string;
  /** `forceRefresh` after Graph refused a token (401): a cached token may predate a revocation */
  getAccessToken: (options?: { forceRefresh?: boolean }) => Promise<string>;
  timeoutMs?: number;
  /** attempts per request, first included */
  maxAttempts?: number;
  /** longest `Retry-After` we wait before giving up on the call (seconds) */
  maxRetryAfterSeconds?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** every HTTP exchange (after retries each count): for write and round-trip counters */
  onExchange?: (exchange: GraphExchange) => void;
}

export interface GraphExchange {
  method: string;
  path: string;
  status: number;
  /** writes inside a batch count here too */
  writes: number;
}

export interface GraphResponse<T> {
  status: number;
  body: T;
  requestId?: string;
}

export type GraphVersion = "v1.0" | "beta";

export interface RequestOptions {
  version?: GraphVersion;
  /** retry after timeouts and dropped connections too; true for reads, PUT, PATCH, DELETE */
  idempotent?: boolean;
  headers?: Record<string, string>;
}

export interface BatchRequest {
  id: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** relative to the version: `/groups/{id}` */
  url: string;
  body?: unknown;
}

export interface BatchResponse {
  id: string;
  status: number;
  body: unknown;
  requestId?: string;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const BATCH_LIMIT = 20;
const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(signal?.reason as Error); };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Exponential backoff with jitter when Graph gives no Retry-After: 0.5 s, 1 s, 2 s … capped at 8 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(8000, 500 * 2 ** (attempt - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}

interface GraphErrorBody {
  error?: { code?: string; message?: string; innerError?: { "request-id"?: string } };
}

export class GraphHttp {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxRetryAfter: number;
  private readonly origin: string;

  constructor(private readonly options: GraphHttpOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
    this.origin = new URL(options.graphBaseUrl).origin;
  }

  get tenantId(): string {
    return this.options.tenantId;
  }

  /** One call; resolves on 2xx, throws GraphError (or TokenError) otherwise. */
  async request<T>(method: BatchRequest["method"], path: string, body?: unknown, options: RequestOptions = {}): Promise<GraphResponse<T>> {
    const version = options.version ?? "v1.0";
    const idempotent = options.idempotent ?? method !== "POST";
    let refreshedToken = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.send(method, `/${version}${path}`, body, options.headers, refreshedToken);
      } catch (error) {
        if (error instanceof TokenError || this.options.signal?.aborted) throw error;
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        const failure = new GraphError(`${method} ${path}: ${timedOut ? `no answer within ${this.timeoutMs} ms` : "the connection failed"}`, { status: 0, code: timedOut ? "timeout" : "networkError", cause: error });
        if (!idempotent || attempt >= this.maxAttempts) throw failure;
        await this.sleep(backoffMs(attempt), this.options.signal);
        continue;
      }
      const requestId = response.headers.get("request-id") ?? undefined;
      const text = await response.text();
      const parsed: unknown = text ? safeJson(text) : undefined;
      // A $batch POST is not a write itself; batchOnce counts the writes inside it.
      this.options.onExchange?.({ method, path, status: response.status, writes: WRITE_METHODS.has(method) && path !== "/$batch" ? 1 : 0 });
      if (response.ok) return { status: response.status, body: parsed as T, ...(requestId ? { requestId } : {}) };
      // A cached token can outlive a revoked consent: ask Entra once more before deciding.
      if (response.status === 401 && !refreshedToken) {
        refreshedToken = true;
        continue;
      }
      const error = toError(method, path, response.status, parsed as GraphErrorBody | undefined, requestId, response.headers.get("retry-after"));
      // 429 means Graph did not run the request; a 5xx on a create may have run it.
      const wait = idempotent || response.status === 429 ? this.retryDelay(response.status, error.retryAfter, attempt) : null;
      if (wait === null) throw error;
      await this.sleep(wait, this.options.signal);
    }
  }

  /**
   * Runs requests through `$batch`, 20 per call, all chunks at once. Inner 429/5xx answers
   * are retried (alone, in a later batch) after their Retry-After. Returns every answer,
   * failures included: a batch's 200 says nothing about its parts.
   */
  async batch(requests: BatchRequest[], version: GraphVersion = "v1.0"): Promise<Map<string, BatchResponse>> {
    const results = new Map<string, BatchResponse>();
    let pending = requests;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const chunks: BatchRequest[][] = [];
      for (let i = 0; i < pending.length; i += BATCH_LIMIT) chunks.push(pending.slice(i, i + BATCH_LIMIT));
      const answers = (await Promise.all(chunks.map((chunk) => this.batchOnce(chunk, version)))).flat();
      const retry: BatchRequest[] = [];
      let wait = 0;
      for (const answer of answers) {
        const delay = RETRYABLE_STATUS.has(answer.status) ? this.retryDelay(answer.status, answer.retryAfter, attempt) : null;
        const original = pending.find((r) => r.id === answer.id);
        if (delay !== null && original && (original.method !== "POST" || answer.status === 429)) {
          retry.push(original);
          wait = Math.max(wait, delay);
        } else {
          results.set(answer.id, { id: answer.id, status: answer.status, body: answer.body, ...(answer.requestId ? { requestId: answer.requestId } : {}) });
        }
      }
      pending = retry;
      if (pending.length > 0) await this.sleep(wait, this.options.signal);
    }
    return results;
  }

  private async batchOnce(chunk: BatchRequest[], version: GraphVersion): Promise<(BatchResponse & { retryAfter?: number })[]> {
    const payload = {
      requests: chunk.map((r) => ({ id: r.id, method: r.method, url: r.url, ...(r.body !== undefined ? { body: r.body, headers: { "Content-Type": "application/json" } } : {}) })),
    };
    // Only GET batches are retried whole (a dropped connection says nothing of what ran).
    const idempotent = chunk.every((r) => r.method !== "POST");
    const response = await this.request<{ responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[] }>("POST", "/$batch", payload, { version, idempotent });
    const writes = chunk.filter((r) => WRITE_METHODS.has(r.method)).length;
    if (writes > 0) this.options.onExchange?.({ method: "BATCH", path: "/$batch", status: response.status, writes });
    const byId = new Map((response.body.responses ?? []).map((r) => [r.id, r]));
    return chunk.map((r) => {
      const answer = byId.get(r.id);
      if (!answer) return { id: r.id, status: 0, body: { error: { code: "missingBatchResponse", message: "Graph returned no answer for this request" } } };
      const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const retryAfter = parseRetryAfter(headers["retry-after"] ?? null);
      const requestId = headers["request-id"] ?? (answer.body as GraphErrorBody | undefined)?.error?.innerError?.["request-id"];
      return { id: r.id, status: answer.status, body: answer.body, ...(requestId ? { requestId } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) };
    });
  }

  /** null: give up now. */
  private retryDelay(status: number, retryAfter: number | undefined, attempt: number): number | null {
    if (!RETRYABLE_STATUS.has(status) || attempt >= this.maxAttempts) return null;
    if (retryAfter !== undefined) return retryAfter > this.maxRetryAfter ? null : retryAfter * 1000;
    return backoffMs(attempt);
  }

  private async send(method: string, path: string, body: unknown, headers: Record<string, string> = {}, forceRefresh: boolean): Promise<Response> {
    const token = await this.options.getAccessToken(forceRefresh ? { forceRefresh: true } : undefined);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    return this.fetchImpl(this.origin + path, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal,
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text.slice(0, 500) };
  }
}

export function toError(method: string, path: string, status: number, body: GraphErrorBody | undefined, requestId: string | undefined, retryAfterHeader: string | null): GraphError {
  const code = body?.error?.code ?? `http${status}`;
  const message = body?.error?.message ?? `Microsoft Graph answered HTTP ${status}`;
  const retryAfter = parseRetryAfter(retryAfterHeader);
  const id = requestId ?? body?.error?.innerError?.["request-id"];
  return new GraphError(`${method} ${path}: ${message}`, { status, code, ...(id ? { requestId: id } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) });
}

/** A batch answer as a value or a GraphError. */
export function batchValue<T>(answer: BatchResponse | undefined, what: string): T {
  if (!answer) throw new GraphError(`${what}: no answer`, { status: 0, code: "missingBatchResponse" });
  if (answer.status >= 200 && answer.status < 300) return answer.body as T;
  const body = answer.body as GraphErrorBody | undefined;
  throw new GraphError(`${what}: ${body?.error?.message ?? `HTTP ${answer.status}`}`, { status: answer.status, code: body?.error?.code ?? `http${answer.status}`, ...(answer.requestId ? { requestId: answer.requestId } : {}) });
}

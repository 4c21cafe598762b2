/** Pure arithmetic of the provisioning benchmark: Graph traffic counts and the critical path. */
import type { TrafficEntry } from "./setup.ts";

export interface TrafficCounts {
  /** HTTP exchanges with Graph: a $batch counts once */
  roundTrips: number;
  /** GETs, each request inside a $batch counted */
  reads: number;
  /** POST/PATCH/PUT/DELETE, each request inside a $batch counted */
  writes: number;
  batches: number;
  /** answers ≥ 400 (replication-lag retries, refusals) */
  errors: number;
}

const isBatch = (e: TrafficEntry) => /\/\$batch$/.test(e.path);

export function countTraffic(entries: TrafficEntry[]): TrafficCounts {
  const calls = entries.filter((e) => !isBatch(e));
  return {
    roundTrips: entries.filter((e) => !e.batchId).length,
    reads: calls.filter((e) => e.method === "GET").length,
    writes: calls.filter((e) => e.method !== "GET").length,
    batches: entries.filter(isBatch).length,
    errors: calls.filter((e) => e.status >= 400).length,
  };
}

export interface TimedStep { key: string; dependsOn: string[]; startedAt: number; finishedAt: number }

/**
 * The longest chain of dependent steps, each weighted by how long it really took: the least
 * time apply could have needed if every step started the moment its inputs existed.
 */
export function longestChainMs(steps: TimedStep[]): { ms: number; chain: string[] } {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const memo = new Map<string, { ms: number; chain: string[] }>();
  const visit = (key: string): { ms: number; chain: string[] } => {
    const cached = memo.get(key);
    if (cached) return cached;
    const step = byKey.get(key);
    if (!step) return { ms: 0, chain: [] };
    let best = { ms: 0, chain: [] as string[] };
    for (const dep of step.dependsOn) {
      const candidate = visit(dep);
      if (candidate.ms > best.ms) best = candidate;
    }
    const result = { ms: best.ms + (step.finishedAt - step.startedAt), chain: [...best.chain, key] };
    memo.set(key, result);
    return result;
  };
  return steps.map((s) => visit(s.key)).reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, chain: [] });
}

export function formatCounts(c: TrafficCounts): string {
  return `${c.roundTrips} round trips (${c.batches} $batch), ${c.reads} reads, ${c.writes} writes, ${c.errors} error answers`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

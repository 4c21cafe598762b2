/**
 * Fault injection: added latency, a share of 429 (with Retry-After) or 503 answers, and
 * dropped connections, for every path or the paths matching a pattern. Rates draw from a
 * seeded PRNG and `sequence` scripts exact outcomes, so tests are deterministic.
 */
import { z } from "zod";

const rate = z.number().min(0).max(1);
export const faultRuleSchema = z.strictObject({
  /** a glob on the path incl. the version (`*` within a segment, `**` across), or a regular expression prefixed `re:` */
  pathPattern: z.string().optional(),
  method: z.string().optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  rate429: rate.optional(),
  rate503: rate.optional(),
  dropRate: rate.optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** outcomes consumed one per matching request, then the rates apply */
  sequence: z.array(z.enum(["ok", "429", "503", "drop"])).optional(),
  /** PRNG seed for the rates; the same seed gives the same outcomes */
  seed: z.number().int().optional(),
});
export const faultConfigSchema = z.array(faultRuleSchema);
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultOutcome = { kind: "ok" | "drop" } | { kind: "429"; retryAfterSeconds: number } | { kind: "503"; retryAfterSeconds: number };
export interface FaultDecision { latencyMs: number; outcome: FaultOutcome }

export function patternToRegExp(pattern: string): RegExp {
  if (pattern.startsWith("re:")) return new RegExp(pattern.slice(3), "i");
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*\*/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\u0000/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

/** mulberry32: tiny, fast and good enough to spread outcomes evenly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveRule { rule: FaultRule; matcher: RegExp | null; random: () => number; sequence: FaultRule["sequence"] & {}; position: number }

export class FaultInjector {
  private rules: ActiveRule[] = [];

  constructor(config: FaultRule[] = []) { this.configure(config); }

  configure(config: FaultRule[]): void {
    this.rules = faultConfigSchema.parse(config).map((rule, i) => ({
      rule,
      matcher: rule.pathPattern ? patternToRegExp(rule.pathPattern) : null,
      random: rule.seed === undefined ? Math.random : prng(rule.seed + i),
      sequence: rule.sequence ?? [],
      position: 0,
    }));
  }

  config(): FaultRule[] { return this.rules.map((r) => r.rule); }
  clear(): void { this.rules = []; }

  /** The first matching rule decides; no rule means no fault. */
  decide(method: string, path: string): FaultDecision {
    const active = this.rules.find((r) => (!r.matcher || r.matcher.test(path)) && (!r.rule.method || r.rule.method.toUpperCase() === method.toUpperCase()));
    if (!active) return { latencyMs: 0, outcome: { kind: "ok" } };
    const { rule } = active;
    const retryAfterSeconds = rule.retryAfterSeconds ?? 1;
    const scripted = active.sequence[active.position];
    let kind: FaultOutcome["kind"] = "ok";
    if (scripted) {
      active.position++;
      kind = scripted;
    } else {
      const roll = active.random();
      const [drop, r429, r503] = [rule.dropRate ?? 0, rule.rate429 ?? 0, rule.rate503 ?? 0];
      kind = roll < drop ? "drop" : roll < drop + r429 ? "429" : roll < drop + r429 + r503 ? "503" : "ok";
    }
    const outcome: FaultOutcome = kind === "429" || kind === "503" ? { kind, retryAfterSeconds } : { kind };
    return { latencyMs: rule.latencyMs ?? 0, outcome };
  }
}

/** `EMULATOR_FAULTS` (JSON array of rules); a bad value fails loudly at start. */
export function faultsFromEnv(value: string | undefined): FaultRule[] {
  if (!value) return [];
  try {
    return faultConfigSchema.parse(JSON.parse(value));
  } catch (error) {
    throw new Error(`EMULATOR_FAULTS is not a valid fault configuration: ${(error as Error).message}`);
  }
}

// What the configuration may be, with messages that name the variable. Pure: lib/env.ts applies
// it to process.env; the launcher applies it before starting anything.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const httpsUrl = z.url({ protocol: /^https$/, message: "must be an https:// URL" });
const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s):// URL" });
const guid = z.uuid({ message: "must be a GUID (Entra tenant / app id)" });
const boolFlag = z
  .enum(["0", "1", "true", "false"], { message: 'must be "1", "0", "true" or "false"' })
  .transform((v) => v === "1" || v === "true");

function wholeNumber(unit: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return z.coerce
    .number({ message: `must be a whole number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, min === 0 ? "must not be negative" : `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

const demoAccountsJson = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be JSON" });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(
      z.object({
        username: z.string(),
        password: z.string(),
        displayName: z.string(),
        role: z.string(),
        organization: z.string(),
      }),
    ),
  );

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// or postgresql:// URL" }).optional(),
  ),
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000),
  EMBEDDED_POSTGRES_PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(54329),
  /** The emulator's HTTPS port in demo mode; 0 picks any free port. Empty counts as unset, as in emulator/main.ts. */
  EMULATOR_PORT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number({ message: "must be a port number (0 = any free port)" }).int().min(0).max(65535).default(8443),
  ),
  AUTH_URL: httpUrl.default("http://localhost:3000"),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  ENTRA_AUTHORITY_HOST: httpsUrl.default("https://login.microsoftonline.com"),
  GRAPH_BASE_URL: httpsUrl.default("https://graph.microsoft.com"),
  ENTRA_CLIENT_ID: optionalString.pipe(guid.optional()),
  ENTRA_CLIENT_SECRET: optionalString,
  GATEHOUSE_MSSP_TENANT_ID: optionalString.pipe(guid.optional()),
  GATEHOUSE_MSSP_DOMAIN: optionalString.pipe(
    z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, "must be a domain name").optional(),
  ),
  GATEHOUSE_MSSP_NAME: optionalString,
  CONSENT_INVITE_TTL_DAYS: z.coerce
    .number({ message: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(90, "must be at most 90 days")
    .default(14),
  /** A sign-in lasts at most this long, however active the user is. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number({ message: "must be a number of hours" })
    .int("must be a whole number of hours")
    .min(1, "must be at least 1 hour")
    .max(24, "must be at most 24 hours")
    .default(12),
  /** A session unused this long ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number({ message: "must be a number of minutes" })
    .int("must be a whole number of minutes")
    .min(5, "must be at least 5 minutes")
    .max(24 * 60, "must be at most 1440 minutes (24 hours)")
    .default(120),
  /** How often a session re-validates the user at Entra (refresh-token grant). */
  SESSION_ROLE_CHECK_MINUTES: z.coerce
    .number({ message: "must be a number of minutes" })
    .int("must be a whole number of minutes")
    .min(1, "must be at least 1 minute")
    .max(15, "must be at most 15 minutes: a removed role or disabled account must take effect within 15 minutes")
    .default(10),
  /** Address the portal listens on; loopback unless widened on purpose (README). */
  HOST: z.union([z.ipv4(), z.ipv6(), z.literal("localhost")], { message: "must be an IP address (e.g. 0.0.0.0) or localhost" }).default("127.0.0.1"),
  /**
   * How many reverse proxies in front of the portal append to X-Forwarded-For. 0: the client
   * address is the TCP peer and any X-Forwarded-For a client sends is ignored.
   */
  TRUSTED_PROXY_HOPS: wholeNumber("proxies").max(5, "must be at most 5").default(0),
  /** Requests to the public consent page, its start and its callback, per client address per window. */
  CONSENT_RATE_LIMIT_PER_ADDRESS: wholeNumber("requests").min(1, "must be at least 1").default(60),
  /** The same, per consent link (invite), whatever the address. */
  CONSENT_RATE_LIMIT_PER_INVITE: wholeNumber("requests").min(1, "must be at least 1").default(30),
  CONSENT_RATE_LIMIT_WINDOW_SECONDS: wholeNumber("seconds").min(1, "must be at least 1 second").max(86_400, "must be at most 86400 seconds").default(600),
  /** Applies one worker process runs at once (each for a different customer). */
  WORKER_CONCURRENCY: wholeNumber("applies", 1, 50).default(4),
  /**
   * The lease of a job: a job still active this long after it started is taken to belong to a
   * dead worker and is retried elsewhere. A live apply is stopped at a step boundary just before.
   */
  WORKER_JOB_TIMEOUT_SECONDS: wholeNumber("seconds", 5, 3600).default(300),
  /** On SIGTERM/SIGINT, how long running applies may finish before they are handed back to the queue. */
  WORKER_DRAIN_SECONDS: wholeNumber("seconds", 1, 600).default(30),
  /** Minutes between two syncs of one customer tenant (failures retry sooner, with backoff). */
  SYNC_INTERVAL_MINUTES: wholeNumber("minutes", 1, 1440).default(15),
  /** How often the worker checks every active customer's tenant for drift from the blueprint. */
  DRIFT_CHECK_INTERVAL_HOURS: wholeNumber("hours", 1, 168).default(6),
  /** Tenants one on-demand "check all" observes at once (each costs ~2 Graph requests). */
  DRIFT_CHECK_CONCURRENCY: wholeNumber("tenants", 1, 50).default(8),
  /** Customers a blueprint rollout applies at once, across all workers (each is one provisioning run). */
  ROLLOUT_CONCURRENCY: wholeNumber("customers", 1, 50).default(4),
  GATEHOUSE_DEMO: boolFlag.default(false),
  EMULATOR_URL: optionalString.pipe(httpsUrl.optional()),
  /** Set by `npm start` in demo mode: the emulator's accounts, listed on the sign-in page. */
  GATEHOUSE_DEMO_ACCOUNTS: demoAccountsJson.optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`));
  }
  return result.data;
}

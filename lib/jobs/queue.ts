import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import type { JobDefinition } from "./definitions";

/** pg-boss keeps its tables in their own schema of the application's database. */
export const JOB_SCHEMA = "pgboss";

/**
 * How often an idle worker asks for work. pg-boss wakes only its own process on send, and jobs
 * usually come from a web process, so this bounds the wait between an Accept click and the start
 * of provisioning. 1 s keeps an idle worker at a few cheap indexed queries a second.
 */
export const POLL_SECONDS = 1;

export interface QueueSettings {
  connectionString: string;
  /** A worker supervises (expires jobs of dead workers, archives); a producer only sends. */
  role: "producer" | "worker";
  jobTimeoutSeconds: number;
}

/**
 * Maintenance is what notices a job whose worker died: it runs on every worker, and the one
 * that wins pg-boss's lock does the pass. A quarter of the lease (≤ 60 s) keeps the worst case of
 * a crash at 1.25 × the lease.
 */
export function maintenanceIntervalSeconds(jobTimeoutSeconds: number): number {
  return Math.max(1, Math.min(60, Math.floor(jobTimeoutSeconds / 4)));
}

export function createBoss(settings: QueueSettings): PgBoss {
  return new PgBoss({
    connectionString: settings.connectionString,
    schema: JOB_SCHEMA,
    application_name: `gatehouse-${settings.role}`,
    // Producers need a connection or two; workers one per concurrent job plus polling.
    max: settings.role === "worker" ? 10 : 3,
    supervise: settings.role === "worker",
    schedule: false,
    migrate: true,
    maintenanceIntervalSeconds: maintenanceIntervalSeconds(settings.jobTimeoutSeconds),
  });
}

/** Creates (or updates) each queue with the options its definition chose. Idempotent. */
export async function ensureQueues(boss: PgBoss, definitions: readonly JobDefinition[], jobTimeoutSeconds: number): Promise<void> {
  for (const definition of definitions) {
    const options = { ...definition.queue, expireInSeconds: jobTimeoutSeconds };
    await boss.createQueue(definition.name, { name: definition.name, ...options });
    await boss.updateQueue(definition.name, { name: definition.name, ...options });
  }
}

// The web process's producer: one per process, started on first send. Dev hot reload
// re-evaluates modules, so it lives on globalThis like the Prisma client.
const globalForBoss = globalThis as unknown as { gatehouseBoss?: Promise<PgBoss> };

async function startProducer(definitions: readonly JobDefinition[]): Promise<PgBoss> {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set; jobs cannot be queued.");
  const boss = createBoss({ connectionString: env.DATABASE_URL, role: "producer", jobTimeoutSeconds: env.WORKER_JOB_TIMEOUT_SECONDS });
  boss.on("error", (error) => console.error("Job queue error", error));
  await boss.start();
  await ensureQueues(boss, definitions, env.WORKER_JOB_TIMEOUT_SECONDS);
  return boss;
}

export function producer(definitions: readonly JobDefinition[]): Promise<PgBoss> {
  globalForBoss.gatehouseBoss ??= startProducer(definitions).catch((error: unknown) => {
    // A failed start (database down) must not poison every later send.
    globalForBoss.gatehouseBoss = undefined;
    throw error;
  });
  return globalForBoss.gatehouseBoss;
}

/** Closes this process's producer (tests, and a process that wants to exit cleanly). */
export async function stopProducer(): Promise<void> {
  const started = globalForBoss.gatehouseBoss;
  globalForBoss.gatehouseBoss = undefined;
  if (started) await (await started.catch(() => undefined))?.stop({ graceful: false, wait: true });
}

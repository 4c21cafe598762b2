import "server-only";
import type { JobDefinition } from "./definitions";
import { producer } from "./queue";
import { jobDefinitions } from "./registry";

/**
 * Queues one job. Returns the job id, or null when a job with the same singleton key is already
 * waiting: that one will do the work.
 */
export async function enqueue<D extends JobDefinition>(definition: D, data: Parameters<D["handler"]>[0]): Promise<string | null> {
  const parsed: unknown = definition.schema.parse(data);
  const boss = await producer(jobDefinitions);
  const singletonKey = definition.singletonKey?.(parsed);
  return boss.send(definition.name, parsed as object, singletonKey ? { singletonKey } : {});
}

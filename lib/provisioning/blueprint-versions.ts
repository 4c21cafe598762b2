import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { blueprintSchema, type Blueprint, type BlueprintDefinition } from "./blueprint";
import { describeBlueprintChanges } from "./blueprint-wording";
import { diffBlueprints, type BlueprintChange } from "./blueprint-diff";
import { loadBlueprint } from "./store";

/** The submitted blueprint equals the active one: nothing was stored. */
export class BlueprintUnchangedError extends InvalidInputError {
  constructor(readonly version: number) {
    super(`Nothing changed: the blueprint is already version ${version}.`);
  }
}

/** Someone else saved a version since the editor was opened (or at the same moment). */
export class BlueprintConflictError extends ConflictError {}

/**
 * Saving the blueprint (Settings editor, CLI): every save is a new version, never an edit of
 * an old one, audited with its diff against the version it replaces. Two admins saving at once
 * both read version n; the unique (workspace, version) makes the second fail instead of
 * silently overwriting the first. An editor passes the version it showed (`expectedVersion`),
 * so a save on top of a version the admin never saw is refused too.
 */
export async function saveBlueprintVersion(input: { workspaceId: string; definition: unknown; actor: string; createdById?: string | null; expectedVersion?: number }): Promise<{ blueprint: Blueprint; previous: BlueprintDefinition; changes: BlueprintChange[] }> {
  const parsed = blueprintSchema.safeParse(input.definition);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
    throw new InvalidInputError(`The blueprint is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "blueprint"}: ${i.message}`).join("; ")}`, fieldErrors);
  }
  const current = await loadBlueprint(input.workspaceId);
  const version = current.version + 1;
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new BlueprintConflictError(`Someone saved version ${current.version} after you opened version ${input.expectedVersion}; reload the blueprint and make your change again.`);
  }
  const changes = diffBlueprints(current.definition, parsed.data);
  if (changes.length === 0) throw new BlueprintUnchangedError(current.version);
  try {
    await db.$transaction(async (tx) => {
      await tx.blueprint.create({ data: { workspaceId: input.workspaceId, version, definition: JSON.parse(JSON.stringify(parsed.data)) as object, createdById: input.createdById ?? null }, select: { id: true } });
      await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "blueprint.saved", target: `blueprint:${version}`, details: { version, summary: describeBlueprintChanges(changes, current.definition, parsed.data), changes: JSON.parse(JSON.stringify(changes)) as Prisma.InputJsonArray } }, tx);
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new BlueprintConflictError(`Someone saved version ${version} a moment ago; reload the blueprint and make your change again.`);
    throw error;
  }
  return { blueprint: { version, definition: parsed.data }, previous: current.definition, changes };
}

import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { InvalidInputError } from "@/lib/errors";
import { blueprintSchema, type Blueprint } from "./blueprint";
import { diffBlueprints, type BlueprintChange } from "./blueprint-diff";
import { loadBlueprint } from "./store";

/**
 * Saving the blueprint (Settings editor, CLI): every save is a new version, never an edit of
 * an old one, audited with its diff against the version it replaces. Two admins saving at once
 * both read version n; the unique (workspace, version) makes the second fail instead of
 * silently overwriting the first.
 */
export async function saveBlueprintVersion(input: { workspaceId: string; definition: unknown; actor: string; createdById?: string | null }): Promise<{ blueprint: Blueprint; changes: BlueprintChange[] }> {
  const parsed = blueprintSchema.safeParse(input.definition);
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), [i.message]]));
    throw new InvalidInputError(`The blueprint is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "blueprint"}: ${i.message}`).join("; ")}`, fieldErrors);
  }
  const current = await loadBlueprint(input.workspaceId);
  const changes = diffBlueprints(current.definition, parsed.data);
  if (changes.length === 0) throw new InvalidInputError(`Nothing changed: the blueprint is already version ${current.version}.`);
  const version = current.version + 1;
  try {
    await db.blueprint.create({ data: { workspaceId: input.workspaceId, version, definition: JSON.parse(JSON.stringify(parsed.data)) as object, createdById: input.createdById ?? null }, select: { id: true } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new InvalidInputError(`Someone saved version ${version} a moment ago; reload the blueprint and make your change again.`);
    throw error;
  }
  await recordAudit({ workspaceId: input.workspaceId, actor: input.actor, action: "blueprint.saved", target: `blueprint:${version}`, details: { version, changes: JSON.parse(JSON.stringify(changes)) as Prisma.InputJsonArray } });
  return { blueprint: { version, definition: parsed.data }, changes };
}

import "server-only";
import { userActor } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { blueprintSchema, DEFAULT_BLUEPRINT, type BlueprintDefinition } from "@/lib/provisioning/blueprint";
import { diffBlueprints } from "@/lib/provisioning/blueprint-diff";
import { readBlueprintForm, toFieldErrors } from "@/lib/provisioning/blueprint-form";
import { BlueprintConflictError, BlueprintUnchangedError, saveBlueprintVersion } from "@/lib/provisioning/blueprint-versions";
import { describeBlueprintChanges } from "@/lib/provisioning/blueprint-wording";

export interface BlueprintVersionView {
  version: number;
  /** null for the built-in default (version 0) */
  savedAt: Date | null;
  savedBy: string | null;
  /** what changed against the version before, in words */
  changes: string[];
}

const definitionOf = (stored: unknown): BlueprintDefinition | null => {
  const parsed = blueprintSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
};

/** The workspace's blueprint versions, newest first, each with its changes against the one before. */
export async function listBlueprintVersions(user: CurrentUser, limit = 50): Promise<{ versions: BlueprintVersionView[]; total: number }> {
  requirePermission(user, "settings:read");
  const where = { workspaceId: user.workspace.id };
  const [rows, total] = await Promise.all([
    // One more than shown: the oldest shown version is compared with the one before it.
    db.blueprint.findMany({ where, orderBy: { version: "desc" }, take: limit + 1, select: { version: true, createdAt: true, definition: true, createdBy: { select: { name: true } } } }),
    db.blueprint.count({ where }),
  ]);
  const versions = rows.slice(0, limit).map((row, i): BlueprintVersionView => {
    const olderRow = rows[i + 1];
    const older = olderRow ? definitionOf(olderRow.definition) : DEFAULT_BLUEPRINT;
    const current = definitionOf(row.definition);
    const changes = current && older ? describeBlueprintChanges(diffBlueprints(older, current), older, current) : ["This version could not be read against the one before it."];
    return { version: row.version, savedAt: row.createdAt, savedBy: row.createdBy?.name ?? null, changes };
  });
  if (rows.length <= limit) versions.push({ version: 0, savedAt: null, savedBy: null, changes: ["Microsoft's MSSP access recipe, as Gatehouse ships it."] });
  return { versions, total: total + 1 };
}

export type SaveBlueprintOutcome =
  | { outcome: "saved"; version: number; changes: string[] }
  | { outcome: "unchanged"; version: number }
  | { outcome: "conflict"; message: string };

/** Saves the Settings editor's fields as the next version; errors come back keyed by field name. */
export async function saveBlueprintFromForm(user: CurrentUser, values: Record<string, string>): Promise<SaveBlueprintOutcome> {
  requirePermission(user, "blueprint:write");
  const { baseVersion, definition } = readBlueprintForm(values);
  if (baseVersion === undefined) throw new InvalidInputError("The form did not say which version it edits; reload the page.");
  try {
    const saved = await saveBlueprintVersion({ workspaceId: user.workspace.id, definition, actor: userActor(user.objectId), createdById: user.id, expectedVersion: baseVersion });
    return { outcome: "saved", version: saved.blueprint.version, changes: describeBlueprintChanges(saved.changes, saved.previous, saved.blueprint.definition) };
  } catch (error) {
    if (error instanceof BlueprintUnchangedError) return { outcome: "unchanged", version: error.version };
    if (error instanceof InvalidInputError) throw new InvalidInputError("Some values need fixing; see the highlighted fields.", toFieldErrors(error.fieldErrors));
    if (error instanceof BlueprintConflictError) return { outcome: "conflict", message: error.message };
    throw error;
  }
}

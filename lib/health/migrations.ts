/** Pure comparison of migrations on disk with those recorded in `_prisma_migrations`. */
export interface MigrationState {
  upToDate: boolean;
  applied: number;
  pending: string[];
  /** Recorded in the database but missing on disk: the code is older than the database. */
  unknown: string[];
}

export function compareMigrations(onDisk: readonly string[], applied: readonly string[]): MigrationState {
  const appliedSet = new Set(applied);
  const diskSet = new Set(onDisk);
  const pending = [...diskSet].filter((name) => !appliedSet.has(name)).sort();
  const unknown = [...appliedSet].filter((name) => !diskSet.has(name)).sort();
  return { upToDate: pending.length === 0 && unknown.length === 0, applied: appliedSet.size, pending, unknown };
}

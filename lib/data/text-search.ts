import "server-only";

/**
 * Case-insensitive substring match on what a person typed. Prisma's `contains` puts the text
 * into a LIKE pattern as it is, so `%` would match every row and `_` any character; they (and
 * the escape character itself) are escaped so the text is taken literally. GIN trigram indexes
 * (pg_trgm) serve the match either way.
 */
export const containsText = (q: string) => ({ contains: q.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" as const });

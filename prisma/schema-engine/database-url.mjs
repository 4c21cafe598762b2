// Small helpers over postgres connection strings. pg lets `connectionString` override every other
// option (including `database`), so switching databases means rewriting the URL itself.

/** @param {string} url */
export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/** @param {string} url @param {string} database */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = "/" + encodeURIComponent(database);
  return parsed.toString();
}

/** `host:port`, the way Prisma's error messages name a server. @param {string} url */
export function serverLocation(url) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}`;
}

/** The `?schema=` parameter Prisma uses to select a Postgres schema (default `public`). @param {string} url */
export function schemaName(url) {
  return new URL(url).searchParams.get("schema") ?? "public";
}

/** @param {string} identifier */
export function quoteIdentifier(identifier) {
  return `"${identifier.replaceAll('"', '""')}"`;
}

// Adapts @prisma/adapter-pg for use by the Wasm schema engine, working around the upstream bugs
// described in /work/shared/docs/STACK-NOTES.md ("Prisma migrations without the native engine").
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { quoteIdentifier, schemaName } from "./database-url.mjs";
import { connectShadowDatabase } from "./shadow-database.mjs";

/** Postgres's internal one-byte `"char"` type, used by catalog columns such as pg_constraint.contype. */
const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @returns {ReturnType<typeof bindMigrationAwareSqlAdapterFactory>}
 */
export function createAdapterFactory(datasource) {
  const factory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectPatched(datasource.url),
    connectToShadowDb: () => connectShadowDatabase(datasource, connectPatched),
  };
  return bindMigrationAwareSqlAdapterFactory(/** @type {any} */ (factory));
}

/** @param {string} url */
export async function connectPatched(url) {
  const schema = schemaName(url);
  // The engine creates _prisma_migrations unqualified but looks it up in `?schema=`; like the
  // native engine, make that schema the search_path (escaped for libpq's options syntax).
  const options = `-c search_path=${quoteIdentifier(schema).replace(/[\\\s]/g, "\\$&")}`;
  const adapter = await new PrismaPg({ connectionString: url, options }, { schema }).connect();
  return patchAdapter(adapter);
}

/** @param {any} adapter a PrismaPgAdapter */
function patchAdapter(adapter) {
  patchCharColumns(adapter);
  // Bug 2: upstream splits the script on ";" and runs the pieces one by one, which breaks
  // `$$ … $$` bodies and leaves a failing migration half-applied. A multi-statement simple-protocol
  // query runs in one implicit transaction, exactly like the native engine's raw_cmd.
  adapter.executeScript = async (/** @type {string} */ script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (/** @type {unknown[]} */ ...args) => patchCharColumns(await startTransaction(...args));
  return adapter;
}

/**
 * Bug 1: adapter-pg rejects OID 18 as an unsupported column type, so every schema inspection fails
 * ("Column type 'char' could not be deserialized"), and mapping it to Text makes the engine panic;
 * it must be reported as the Character column type. The column-type
 * mapping is private to adapter-pg, so each query runs against a view of the queryable whose
 * performIO relabels "char" columns as text, and the result's column types are corrected afterwards.
 * @param {any} queryable a PrismaPgAdapter or PgTransaction
 */
function patchCharColumns(queryable) {
  const queryRaw = queryable.queryRaw;
  queryable.queryRaw = async (/** @type {unknown} */ query) => {
    /** @type {number[]} */
    const charColumns = [];
    const view = Object.create(queryable, {
      performIO: {
        value: async (/** @type {unknown} */ q) => {
          const result = await queryable.performIO(q);
          result.fields.forEach((/** @type {{ dataTypeID: number }} */ field, /** @type {number} */ i) => {
            if (field.dataTypeID !== CHAR_OID) return;
            charColumns.push(i);
            field.dataTypeID = TEXT_OID;
          });
          return result;
        },
      },
    });
    const result = await queryRaw.call(view, query);
    for (const i of charColumns) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

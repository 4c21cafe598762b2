// One-shot commands (`<bin> --datasource {...} cli <command>`) the CLI runs before `migrate dev`,
// `deploy`, `status` and `reset` to check the database and create it when it is missing. The CLI
// recognises failures by `fields.error_code` on an ERROR line of stderr (P1003 = "does not exist").
import pg from "pg";
import { databaseName, quoteIdentifier, serverLocation, withDatabase } from "./database-url.mjs";
import { logToStderr } from "./stderr-log.mjs";

/** Databases to connect to when the target one may not exist yet. */
const MAINTENANCE_DATABASES = ["postgres", "template1"];

/** @type {Record<string, (url: string) => Promise<void>>} */
const COMMANDS = {
  "can-connect-to-database": canConnect,
  "create-database": createDatabase,
};

/** @param {string} command @param {string} url @returns {Promise<number>} exit code */
export async function runCliCommand(command, url) {
  // The CLI skips the first stderr line of a one-shot command before parsing the rest.
  logToStderr("INFO", `Starting schema engine CLI command ${command}`);
  const run = COMMANDS[command];
  if (!run) {
    logToStderr("ERROR", `Unsupported schema engine CLI command: ${command}`);
    return 1;
  }
  try {
    await run(url);
    return 0;
  } catch (error) {
    const { code, message } = describeConnectionError(error, url);
    logToStderr("ERROR", message, code ? { error_code: code } : {});
    return 1;
  }
}

/** @param {string} url */
async function canConnect(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.end();
}

/** @param {string} url */
async function createDatabase(url) {
  let lastError;
  for (const maintenance of MAINTENANCE_DATABASES) {
    const client = new pg.Client({ connectionString: withDatabase(url, maintenance) });
    try {
      await client.connect();
    } catch (error) {
      lastError = error;
      continue;
    }
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(databaseName(url))}`);
      return;
    } finally {
      await client.end();
    }
  }
  throw lastError;
}

/**
 * Maps pg errors to the Prisma error codes the native engine reports for the same situations.
 * @param {unknown} thrown @param {string} url @returns {{ code?: string, message: string }}
 */
function describeConnectionError(thrown, url) {
  const error = /** @type {any} */ (thrown);
  const location = serverLocation(url);
  switch (error?.code) {
    case "3D000":
      return { code: "P1003", message: `Database \`${databaseName(url)}\` does not exist on the database server at \`${location}\`.` };
    case "42P04":
      return { code: "P1009", message: `Database \`${databaseName(url)}\` already exists on the database server at \`${location}\`` };
    case "28P01":
    case "28000":
      return { code: "P1000", message: `Authentication failed against database server at \`${location}\`, the provided database credentials are not valid.` };
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return { code: "P1001", message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.` };
    default:
      return { message: String(error?.message ?? error) };
  }
}

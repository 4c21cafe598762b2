// `npm run db:migrate [-- --name x]`, `npm run db:deploy`, and
// `npm run db:seed [-- --tenant-id <guid> --domain <domain> --name <name>]` (adds or updates an
// MSSP workspace): against DATABASE_URL, or the embedded PostgreSQL when it is unset.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EnvError, parseEnv } from "../env-schema";
import { seedWorkspaceFromEnv } from "../../prisma/seed";
import { resolveDatabase } from "./database";
import { runPrismaCli } from "./prisma-cli";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const log = (line: string) => console.log(`[db] ${line}`);

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const env = parseEnv(process.env);
  const database = await resolveDatabase({
    databaseUrl: env.DATABASE_URL,
    projectRoot,
    embeddedPort: env.EMBEDDED_POSTGRES_PORT,
    log,
  });
  try {
    switch (command) {
      case "migrate":
        await runPrismaCli(projectRoot, ["migrate", "dev", ...rest], database.url);
        break;
      case "deploy":
        await runPrismaCli(projectRoot, ["migrate", "deploy"], database.url);
        break;
      case "seed": {
        // Flags win over the environment, and pass through the same validation.
        const { values } = parseArgs({
          args: rest,
          options: { "tenant-id": { type: "string" }, domain: { type: "string" }, name: { type: "string" } },
        });
        const workspace = parseEnv({
          GATEHOUSE_MSSP_TENANT_ID: values["tenant-id"] ?? env.GATEHOUSE_MSSP_TENANT_ID,
          GATEHOUSE_MSSP_DOMAIN: values.domain ?? env.GATEHOUSE_MSSP_DOMAIN,
          GATEHOUSE_MSSP_NAME: values.name ?? env.GATEHOUSE_MSSP_NAME,
        });
        const seeded = await seedWorkspaceFromEnv(database.url, workspace);
        if (!seeded) {
          throw new Error(
            "Give the MSSP's tenant: npm run db:seed -- --tenant-id <guid> --domain <domain> --name <name> " +
              "(or set GATEHOUSE_MSSP_TENANT_ID, GATEHOUSE_MSSP_DOMAIN and GATEHOUSE_MSSP_NAME).",
          );
        }
        log(`${seeded.created ? "Created" : "Updated"} workspace ${seeded.id}`);
        break;
      }
      default:
        throw new Error(`Unknown command "${command ?? ""}". Use migrate, deploy or seed.`);
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : `[db] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

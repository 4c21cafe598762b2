// `npm run db:migrate [-- --name x]`, `npm run db:deploy`, `npm run db:seed`: the Prisma CLI
// against DATABASE_URL, or against the embedded PostgreSQL when it is unset.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EnvError, parseEnv } from "../env";
import { createSeedClient, seedWorkspace } from "../../prisma/seed";
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
        if (!env.GATEHOUSE_MSSP_TENANT_ID || !env.GATEHOUSE_MSSP_DOMAIN) {
          throw new Error("Set GATEHOUSE_MSSP_TENANT_ID and GATEHOUSE_MSSP_DOMAIN (and GATEHOUSE_MSSP_NAME) to seed a workspace.");
        }
        const prisma = createSeedClient(database.url);
        try {
          const ws = await seedWorkspace(prisma, {
            tenantId: env.GATEHOUSE_MSSP_TENANT_ID,
            primaryDomain: env.GATEHOUSE_MSSP_DOMAIN,
            name: env.GATEHOUSE_MSSP_NAME ?? env.GATEHOUSE_MSSP_DOMAIN,
          });
          log(`${ws.created ? "Created" : "Updated"} workspace ${ws.id}`);
        } finally {
          await prisma.$disconnect();
        }
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

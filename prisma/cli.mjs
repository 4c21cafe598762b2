#!/usr/bin/env node
// Runs the Prisma CLI offline: Prisma's native schema engine is a download that no machine here
// can reach, so the CLI is pointed at our Wasm bridge (see docs/decisions/001-offline-schema-engine.md).
// Set PRISMA_SCHEMA_ENGINE_BINARY yourself to use the native engine instead.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, "prisma/schema-engine/schema-engine"),
};
const cli = path.join(root, "node_modules/prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env, cwd: root });
process.exit(result.status ?? 1);

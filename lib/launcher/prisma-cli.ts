import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Runs the Prisma CLI through the offline schema-engine wrapper; rejects on a non-zero exit. */
export function runPrismaCli(
  projectRoot: string,
  args: string[],
  databaseUrl: string,
  onSpawn?: (child: ChildProcess) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "prisma", "cli.mjs"), ...args], {
      cwd: projectRoot,
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    onSpawn?.(child);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} exited with code ${code ?? "null"}`)),
    );
  });
}

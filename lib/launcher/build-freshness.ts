import { readdir, stat } from "node:fs/promises";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "package.json", "postcss.config.mjs"];

async function newestMtime(target: string): Promise<number> {
  let info;
  try {
    info = await stat(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** True when there is no production build, or a source file changed after it was made. */
export async function needsBuild(projectRoot: string): Promise<boolean> {
  let builtAt: number;
  try {
    builtAt = (await stat(path.join(projectRoot, ".next", "BUILD_ID"))).mtimeMs;
  } catch {
    return true;
  }
  const times = await Promise.all(SOURCES.map((s) => newestMtime(path.join(projectRoot, s))));
  return Math.max(...times) > builtAt;
}

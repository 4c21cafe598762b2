import { chmod, mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { firstClosedAncestor } from "./embedded-postgres";

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("a path other users can reach", () => {
  it("names the first folder on the way that others may not enter, or none", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "gatehouse-reach-"));
    made.push(root);
    await chmod(root, 0o755);
    const open = path.join(root, "clone", "node_modules");
    await mkdir(open, { recursive: true });
    await chmod(path.join(root, "clone"), 0o755);
    await chmod(open, 0o755);
    // Everything from / down to the clone is enterable by others (the test's temp folder is 755).
    expect(await firstClosedAncestor(path.join(open, "index.js"))).toBeNull();

    await chmod(path.join(root, "clone"), 0o700);
    expect(await firstClosedAncestor(path.join(open, "index.js"))).toEqual({ dir: path.join(root, "clone"), mode: "700" });
    // Readable without x is still closed: entering needs the x bit.
    await chmod(path.join(root, "clone"), 0o754);
    expect(await firstClosedAncestor(path.join(open, "x"))).toEqual({ dir: path.join(root, "clone"), mode: "754" });
  });
});

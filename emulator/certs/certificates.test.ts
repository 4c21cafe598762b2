import { spawn } from "node:child_process";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureCertificates } from "./certificates.ts";

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "emulator-certs-"));
}

function load(paths: { caCertPath: string; certPath: string }) {
  return { ca: new X509Certificate(readFileSync(paths.caCertPath)), leaf: new X509Certificate(readFileSync(paths.certPath)) };
}

describe("ensureCertificates", () => {
  it("creates a CA and a leaf for localhost, 127.0.0.1 and ::1 signed by it", async () => {
    const dir = freshDir();
    const paths = await ensureCertificates(dir);
    const { ca, leaf } = load(paths);
    expect(ca.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.checkHost("localhost")).toBe("localhost");
    expect(leaf.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(leaf.checkIP("::1")).toBe("::1");
    expect(statSync(join(dir, "ca-key.pem")).mode & 0o777).toBe(0o600);
    expect(statSync(paths.keyPath).mode & 0o777).toBe(0o600);
    rmSync(dir, { recursive: true });
  });

  it("reuses existing files and re-issues only a missing or incomplete leaf from the same CA", async () => {
    const dir = freshDir();
    const first = await ensureCertificates(dir);
    const caPem = readFileSync(first.caCertPath, "utf8");
    const leafPem = readFileSync(first.certPath, "utf8");
    await ensureCertificates(dir);
    expect(readFileSync(first.certPath, "utf8")).toBe(leafPem);

    rmSync(first.certPath);
    await ensureCertificates(dir);
    expect(readFileSync(first.caCertPath, "utf8")).toBe(caPem);
    expect(readFileSync(first.certPath, "utf8")).not.toBe(leafPem);

    // A host the leaf does not name yet forces a new leaf, still under the same CA.
    const withHost = await ensureCertificates(dir, ["gatehouse.test"]);
    const { ca, leaf } = load(withHost);
    expect(readFileSync(withHost.caCertPath, "utf8")).toBe(caPem);
    expect(leaf.checkHost("gatehouse.test")).toBe("gatehouse.test");
    expect(leaf.verify(ca.publicKey)).toBe(true);
    rmSync(dir, { recursive: true });
  });

  it("stays consistent when two processes create the files at the same time", async () => {
    const dir = freshDir();
    const script = `import { ensureCertificates } from ${JSON.stringify(join(process.cwd(), "emulator/certs/certificates.ts"))}; await ensureCertificates(${JSON.stringify(dir)});`;
    const run = () =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: "inherit" });
        child.on("exit", (code) => resolve(code ?? 1));
      });
    expect(await Promise.all([run(), run(), ensureCertificates(dir).then(() => 0)])).toEqual([0, 0, 0]);
    const { ca, leaf } = load({ caCertPath: join(dir, "ca.pem"), certPath: join(dir, "cert.pem") });
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkPrivateKey(createPrivateKey(readFileSync(join(dir, "key.pem"))))).toBe(true);
    rmSync(dir, { recursive: true });
  });
});

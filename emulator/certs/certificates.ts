import { webcrypto } from "node:crypto";
import { join } from "node:path";
import "./reflect-metadata.ts";
import * as x509 from "@peculiar/x509";
import { readIfExists, withFileLock, writeFileAtomic } from "./files.ts";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface CertificatePaths {
  caCertPath: string;
  certPath: string;
  keyPath: string;
}

/** Names every local client may use to reach the emulator. */
export const DEFAULT_HOSTS = ["localhost", "127.0.0.1", "::1"] as const;

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;
// Browsers reject leaf certificates valid for more than 398 days, even from a local CA.
const LEAF_DAYS = 397;
const CA_DAYS = 3650;
// Renew a little before the end so a long-running demo never hits an expired certificate.
const RENEW_MARGIN_MS = 7 * DAY_MS;

const inProcess = new Map<string, Promise<CertificatePaths>>();

/**
 * Makes sure `<dataDir>` holds a local CA (`ca.pem`, `ca-key.pem`) and a server
 * certificate (`cert.pem`, `key.pem`) for localhost, 127.0.0.1, ::1 and `extraHosts`.
 * Reuses what is there; regenerates the leaf when it is missing, expiring, lacks a name
 * or was not issued by the CA. Safe to call concurrently from threads and processes.
 */
export function ensureCertificates(dataDir: string, extraHosts: string[] = []): Promise<CertificatePaths> {
  const hosts = [...new Set([...DEFAULT_HOSTS, ...extraHosts.map((h) => h.toLowerCase())])];
  const key = `${dataDir}|${hosts.join(",")}`;
  let pending = inProcess.get(key);
  if (!pending) {
    // Shared only while in flight: a later call re-reads the files, so a deleted or
    // expired certificate is noticed without restarting the process.
    pending = withFileLock(join(dataDir, "certs.lock"), () => ensureUnlocked(dataDir, hosts)).finally(() => inProcess.delete(key));
    inProcess.set(key, pending);
  }
  return pending;
}

async function ensureUnlocked(dataDir: string, hosts: string[]): Promise<CertificatePaths> {
  const paths = {
    caCertPath: join(dataDir, "ca.pem"),
    caKeyPath: join(dataDir, "ca-key.pem"),
    certPath: join(dataDir, "cert.pem"),
    keyPath: join(dataDir, "key.pem"),
  };
  let ca = await loadCa(paths.caCertPath, paths.caKeyPath);
  if (!ca) {
    ca = await createCa();
    await writeFileAtomic(paths.caKeyPath, await privateKeyPem(ca.keys.privateKey), 0o600);
    await writeFileAtomic(paths.caCertPath, ca.cert.toString("pem"));
  }
  const leafPem = await readIfExists(paths.certPath);
  const leafKeyPem = await readIfExists(paths.keyPath);
  if (!leafPem || !leafKeyPem || !(await leafIsUsable(leafPem, ca.cert, hosts))) {
    const leaf = await createLeaf(ca, hosts);
    await writeFileAtomic(paths.keyPath, await privateKeyPem(leaf.privateKey), 0o600);
    await writeFileAtomic(paths.certPath, leaf.cert.toString("pem"));
  }
  return { caCertPath: paths.caCertPath, certPath: paths.certPath, keyPath: paths.keyPath };
}

interface Ca {
  cert: x509.X509Certificate;
  keys: { privateKey: CryptoKey; publicKey: CryptoKey };
}

async function loadCa(certPath: string, keyPath: string): Promise<Ca | undefined> {
  const certPem = await readIfExists(certPath);
  const keyPem = await readIfExists(keyPath);
  if (!certPem || !keyPem) return undefined;
  try {
    const cert = new x509.X509Certificate(certPem);
    if (cert.notAfter.getTime() - Date.now() < RENEW_MARGIN_MS) return undefined;
    const privateKey = await webcrypto.subtle.importKey("pkcs8", pemToDer(keyPem), ALGORITHM, true, ["sign"]);
    const publicKey = await cert.publicKey.export(ALGORITHM, ["verify"]);
    return { cert, keys: { privateKey, publicKey } };
  } catch {
    return undefined; // unreadable files are replaced, not fatal
  }
}

async function createCa(): Promise<Ca> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=Gatehouse Local Microsoft Emulator CA ${new Date(now).toISOString().slice(0, 10)}, O=Gatehouse (local development only)`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + CA_DAYS * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

async function createLeaf(ca: Ca, hosts: string[]): Promise<{ cert: x509.X509Certificate; privateKey: CryptoKey }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: "CN=localhost",
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(Math.min(now + LEAF_DAYS * DAY_MS, ca.cert.notAfter.getTime())),
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(hosts.map((h) => (isIp(h) ? { type: "ip" as const, value: h } : { type: "dns" as const, value: h }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return { cert, privateKey: keys.privateKey };
}

async function leafIsUsable(pem: string, caCert: x509.X509Certificate, hosts: string[]): Promise<boolean> {
  try {
    const leaf = new x509.X509Certificate(pem);
    if (leaf.notAfter.getTime() - Date.now() < RENEW_MARGIN_MS) return false;
    if (!(await leaf.verify({ publicKey: caCert.publicKey, signatureOnly: true }))) return false;
    const san = leaf.getExtension(x509.SubjectAlternativeNameExtension);
    const names = new Set((san?.names.items ?? []).map((n) => normalizeName(n.value)));
    return hosts.every((h) => names.has(normalizeName(h)));
  } catch {
    return false;
  }
}

/** `::1` may come back from the certificate as `0:0:0:0:0:0:0:1`; compare canonical forms. */
function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  if (!lower.includes(":")) return lower;
  return lower === "0:0:0:0:0:0:0:1" ? "::1" : lower;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive integer, as RFC 5280 requires
  return Buffer.from(bytes).toString("hex");
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  const body = der.toString("base64").replace(/(.{64})/g, "$1\n").trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

function pemToDer(pem: string): ArrayBuffer {
  const base64 = pem.replace(/-----(BEGIN|END)[^-]+-----/g, "").replace(/\s+/g, "");
  const der = Buffer.from(base64, "base64");
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
}

import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { readIfExists, withFileLock, writeFileAtomic } from "../certs/files.ts";

/** The RS256 key pair that signs every token, and its public JWK as published in the JWKS. */
export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Loads the token-signing key from `<dataDir>/signing-key.json`, creating it on first
 * use. Persisting it means tokens (and app sessions holding them) survive a restart.
 */
export async function loadSigningKeys(dataDir: string): Promise<SigningKeys> {
  const path = join(dataDir, "signing-key.json");
  const existing = await readSigningKeys(path);
  if (existing) return existing;
  return withFileLock(join(dataDir, "signing-key.lock"), async () => {
    const raced = await readSigningKeys(path);
    if (raced) return raced;
    const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(privateKey);
    await writeFileAtomic(path, JSON.stringify({ ...jwk, alg: "RS256", use: "sig" }, null, 2), 0o600);
    const keys = await readSigningKeys(path);
    if (!keys) throw new Error(`Could not read back ${path}`);
    return keys;
  });
}

async function readSigningKeys(path: string): Promise<SigningKeys | undefined> {
  const text = await readIfExists(path);
  if (!text) return undefined;
  const jwk = JSON.parse(text) as JWK;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
  const kid = await calculateJwkThumbprint(publicPart, "sha256");
  const privateKey = (await importJWK(jwk, "RS256")) as CryptoKey;
  const publicKey = (await importJWK(publicPart, "RS256")) as CryptoKey;
  const publicJwk: JWK = { kty: "RSA", use: "sig", alg: "RS256", kid, n: publicPart.n, e: publicPart.e };
  return { kid, privateKey, publicKey, publicJwk };
}

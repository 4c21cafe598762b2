import { randomBytes } from "node:crypto";
import type { World } from "../store/world.ts";

const TEN_MINUTES_MS = 10 * 60_000;
const INTERACTION_MS = 30 * 60_000;
const REFRESH_MS = 90 * 24 * 60 * 60_000;

/** An authorization request that passed validation, waiting for the user on our pages. */
export interface AuthorizeRequest {
  kind: "authorize";
  authoritySegment: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  responseMode: "query" | "form_post";
  loginHint?: string;
}

export interface AdminConsentRequest {
  kind: "adminconsent";
  authoritySegment: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state?: string;
  /** set once an admin of the tenant signed in; the consent page is then shown */
  admin?: { tenantId: string; userId: string };
}

export type Interaction = (AuthorizeRequest | AdminConsentRequest) & { id: string; expiresAt: number };

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  tenantId: string;
  userId: string;
  scope: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  expiresAt: number;
  redeemed: boolean;
}

export interface RefreshGrant {
  clientId: string;
  tenantId: string;
  userId: string;
  scope: string;
  /** real-time ms; compared with the user's signInSessionsValidFrom */
  issuedAt: number;
  expiresAt: number;
}

/** A signed-in browser: the emulator's SSO cookie points here. */
export interface BrowserSession {
  tenantId: string;
  userId: string;
}

/**
 * Short-lived Entra state kept in memory: pending sign-ins, codes, refresh tokens and
 * browser sessions. Code expiry follows the World clock. Refresh tokens, like access tokens,
 * live in real time: moving the clock forward by a year to expire access packages must not
 * sign every portal user out. Everything is dropped when the World resets.
 */
export class EntraState {
  readonly interactions = new Map<string, Interaction>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly sessions = new Map<string, BrowserSession>();

  constructor(private readonly world: World) {
    world.on("reset", () => this.clear());
  }

  clear(): void {
    this.interactions.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.sessions.clear();
  }

  startInteraction(request: AuthorizeRequest | AdminConsentRequest): Interaction {
    this.prune();
    const interaction = { ...request, id: randomToken(18), expiresAt: this.nowMs() + INTERACTION_MS } as Interaction;
    this.interactions.set(interaction.id, interaction);
    return interaction;
  }

  getInteraction(id: string | null | undefined): Interaction | undefined {
    const interaction = id ? this.interactions.get(id) : undefined;
    if (!interaction || interaction.expiresAt < this.nowMs()) return undefined;
    return interaction;
  }

  endInteraction(id: string): void {
    this.interactions.delete(id);
  }

  issueCode(grant: Omit<AuthorizationCode, "expiresAt" | "redeemed">): string {
    this.prune();
    const code = `1.${randomToken(48)}`;
    this.codes.set(code, { ...grant, expiresAt: this.nowMs() + TEN_MINUTES_MS, redeemed: false });
    return code;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, "expiresAt" | "issuedAt">): string {
    const token = `1.${randomToken(64)}`;
    this.refreshTokens.set(token, { ...grant, issuedAt: Date.now(), expiresAt: Date.now() + REFRESH_MS });
    return token;
  }

  startSession(session: BrowserSession): string {
    const id = randomToken(24);
    this.sessions.set(id, session);
    return id;
  }

  nowMs(): number {
    return this.world.now().getTime();
  }

  /** Drops expired entries so a long demo does not grow without bound. */
  private prune(): void {
    const now = this.nowMs();
    for (const [id, i] of this.interactions) if (i.expiresAt < now) this.interactions.delete(id);
    for (const [code, c] of this.codes) if (c.expiresAt < now) this.codes.delete(code);
    for (const [token, r] of this.refreshTokens) if (r.expiresAt < Date.now()) this.refreshTokens.delete(token);
  }
}

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

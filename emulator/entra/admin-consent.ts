import { readForm } from "../http/body.ts";
import type { TenantRecord, UserRecord } from "../store/world.ts";
import { resolveAuthority, type Authority } from "./authority.ts";
import { redirectError, respondToClient, showErrorPage, type EntraRequest } from "./context.ts";
import { failures } from "./errors.ts";
import { consentPage } from "./pages.ts";
import type { AdminConsentRequest, Interaction } from "./state.ts";
import { checkPassword, currentSession, renderSignIn, sessionCookie } from "./sign-in.ts";
import { sendHtml } from "../http/respond.ts";
import { GRAPH_RESOURCE } from "./tokens.ts";

type ConsentInteraction = Interaction & AdminConsentRequest;

/** GET /{tenant}/v2.0/adminconsent?client_id&redirect_uri&scope&state */
export function handleAdminConsentGet(r: EntraRequest, tenantSegment: string): void {
  const { world } = r.ctx;
  const params = r.url.searchParams;
  // The doc: "Do not use common". organizations is allowed: the admin's own tenant.
  if (tenantSegment.toLowerCase() === "common") return showErrorPage(r, failures.adminConsentOnCommon());
  const authority = resolveAuthority(world, tenantSegment);
  if (!authority) return showErrorPage(r, failures.tenantNotFound(tenantSegment));
  const clientId = params.get("client_id");
  if (!clientId) return showErrorPage(r, failures.missingParameter("client_id"));
  const app = world.findApplication(clientId);
  if (!app) return showErrorPage(r, failures.unknownClient(clientId, authority.kind === "tenant" ? authority.tenant.id : authority.segment));
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) return showErrorPage(r, failures.missingParameter("redirect_uri"));
  if (!app.redirectUris.includes(redirectUri)) return showErrorPage(r, failures.redirectUriMismatch(redirectUri, app.appId));
  const state = params.get("state") ?? undefined;
  const scope = params.get("scope")?.trim();
  if (!scope) return redirectError(r, redirectUri, failures.missingParameter("scope"), { admin_consent: "True", state });
  const interaction = r.ctx.state.startInteraction({
    kind: "adminconsent",
    authoritySegment: tenantSegment,
    clientId: app.appId,
    redirectUri,
    scope,
    ...(state !== undefined ? { state } : {}),
  });
  // With a browser session in this tenant (the admin just signed in for the app), Entra goes
  // straight on to the consent prompt, as here; `prompt=login` asks for the password again.
  const session = currentSession(r);
  if (session && params.get("prompt") !== "login" && authority.kind === "tenant" && session.tenant.id === authority.tenant.id) {
    return admitAdmin(r, interaction as ConsentInteraction, authority, session);
  }
  renderSignIn(r, interaction, authority, { heading: "Sign in as an administrator" });
}

/** POST /{tenant}/v2.0/adminconsent: first the sign-in form, then Accept / Cancel. */
export async function handleAdminConsentPost(r: EntraRequest, tenantSegment: string): Promise<void> {
  const form = await readForm(r.req);
  const interaction = r.ctx.state.getInteraction(form.get("interaction"));
  const authority = resolveAuthority(r.ctx.world, tenantSegment);
  if (!interaction || interaction.kind !== "adminconsent" || !authority || interaction.authoritySegment !== tenantSegment) {
    return showErrorPage(r, failures.interactionExpired());
  }
  if (form.get("action") === "cancel") {
    r.ctx.state.endInteraction(interaction.id);
    return redirectError(r, interaction.redirectUri, failures.userDeclined(), { admin_consent: "True", state: interaction.state });
  }
  if (!interaction.admin) return signInAdmin(r, interaction, authority, form);
  if (form.get("action") === "accept") return accept(r, interaction);
  showErrorPage(r, failures.invalidParameter("action"));
}

function signInAdmin(r: EntraRequest, interaction: ConsentInteraction, authority: Authority, form: URLSearchParams): void {
  const { world } = r.ctx;
  const username = form.get("username")?.trim() ?? "";
  const home = checkPassword(world, username, form.get("password") ?? "");
  const heading = "Sign in as an administrator";
  if (!home) return renderSignIn(r, interaction, authority, { username, heading, failure: failures.badCredentials() });
  admitAdmin(r, interaction, authority, home, undefined, username);
}

function admitAdmin(r: EntraRequest, interaction: ConsentInteraction, authority: Authority, home: { tenant: TenantRecord; user: UserRecord }, cookie?: string, username = home.user.userPrincipalName): void {
  const { world } = r.ctx;
  const heading = "Sign in as an administrator";
  if (!world.canSignIn(home.user)) return renderSignIn(r, interaction, authority, { username, heading, failure: failures.userDisabled() });
  const tenant: TenantRecord = authority.kind === "tenant" ? authority.tenant : home.tenant;
  // Only the tenant's own members hold its directory roles; a guest or a stranger cannot consent for it.
  if (home.tenant.id !== tenant.id) {
    const app = world.findApplication(interaction.clientId);
    return renderSignIn(r, interaction, authority, { username, heading, failure: failures.userNotInTenant(home.user.userPrincipalName, home.tenant.id, tenant.displayName, interaction.clientId, app?.displayName ?? "") });
  }
  cookie ??= sessionCookie(r, home.user);
  if (!world.isConsentAdmin(home.user)) {
    r.ctx.state.endInteraction(interaction.id);
    return redirectError(r, interaction.redirectUri, failures.adminRequired(), { admin_consent: "True", state: interaction.state });
  }
  interaction.admin = { tenantId: tenant.id, userId: home.user.id };
  showConsent(r, interaction, tenant, home.user, cookie);
}

function showConsent(r: EntraRequest, interaction: ConsentInteraction, tenant: TenantRecord, admin: UserRecord, cookie: string): void {
  const app = r.ctx.world.findApplication(interaction.clientId)!;
  sendHtml(
    r.res,
    200,
    consentPage({
      action: r.url.pathname,
      interactionId: interaction.id,
      app,
      publisher: r.ctx.world.tenants.get(app.homeTenantId),
      tenant,
      adminUpn: admin.userPrincipalName,
      permissions: app.requiredAppPermissions,
    }),
    { "set-cookie": cookie },
  );
}

function accept(r: EntraRequest, interaction: ConsentInteraction): void {
  const { world } = r.ctx;
  const admin = interaction.admin!;
  r.ctx.state.endInteraction(interaction.id);
  world.grantConsent(admin.tenantId, interaction.clientId);
  const granted = world.consentedPermissions(admin.tenantId, interaction.clientId).map((p) => `${GRAPH_RESOURCE}/${p}`);
  respondToClient(r, interaction.redirectUri, { admin_consent: "True", tenant: admin.tenantId, scope: granted.join(" "), state: interaction.state });
}

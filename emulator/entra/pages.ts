import { escapeHtml as e } from "../http/respond.ts";
import type { ApplicationRecord, TenantRecord } from "../store/world.ts";
import { describePermission } from "./permissions.ts";

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 "Segoe UI",system-ui,-apple-system,sans-serif;background:#f2f2f2;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;padding:36px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
main.wide{max-width:640px}
.brand{font-size:13px;color:#5e5e5e;letter-spacing:.02em;margin:0 0 20px}
.brand strong{color:#0067b8}
h1{font-size:24px;font-weight:600;margin:0 0 12px}
p{margin:0 0 12px}
label{display:block;font-weight:600;margin:16px 0 4px}
input[type=text],input[type=email],input[type=password]{width:100%;padding:8px 10px;border:1px solid #8a8a8a;font:inherit}
input:focus{outline:2px solid #0067b8;border-color:#0067b8}
.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
button{font:inherit;padding:7px 24px;border:1px solid #8a8a8a;background:#fff;cursor:pointer;min-width:108px}
button.primary{background:#0067b8;border-color:#0067b8;color:#fff}
button:focus-visible{outline:2px solid #1b1b1b;outline-offset:2px}
.error{background:#fde7e9;border-left:4px solid #a80000;padding:10px 12px;margin:12px 0;word-break:break-word}
.muted{color:#5e5e5e;font-size:13px}
table{border-collapse:collapse;width:100%;margin:8px 0 0}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e1e1e1;vertical-align:top;font-size:14px}
ul.perms{padding-left:18px}ul.perms li{margin:0 0 10px}
code{font-size:13px;background:#f4f4f4;padding:1px 4px}
details{margin-top:20px}
`;

function layout(title: string, body: string, wide = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head><body><main${wide ? ' class="wide"' : ""}><p class="brand"><strong>Microsoft</strong> · Local Microsoft Entra ID emulator</p>${body}</main></body></html>`;
}

export interface SignInPageModel {
  action: string;
  interactionId: string;
  heading: string;
  appName: string;
  tenantName?: string;
  username?: string;
  error?: string;
  /** accounts shown to help people pick one in the demo */
  accounts: { upn: string; displayName: string; tenantName: string }[];
}

export function signInPage(m: SignInPageModel): string {
  const options = m.accounts.map((a) => `<option value="${e(a.upn)}">${e(a.displayName)} (${e(a.tenantName)})</option>`).join("");
  const rows = m.accounts.map((a) => `<tr><td><code>${e(a.upn)}</code></td><td>${e(a.displayName)}</td><td>${e(a.tenantName)}</td></tr>`).join("");
  return layout(
    "Sign in to your account",
    `<h1>${e(m.heading)}</h1>
<p>to continue to <strong>${e(m.appName)}</strong>${m.tenantName ? ` in <strong>${e(m.tenantName)}</strong>` : ""}</p>
${m.error ? `<div class="error" role="alert">${e(m.error)}</div>` : ""}
<form method="post" action="${e(m.action)}">
<input type="hidden" name="interaction" value="${e(m.interactionId)}">
<label for="username">Username</label>
<input id="username" name="username" type="email" autocomplete="username" list="accounts" required value="${e(m.username ?? "")}">
<datalist id="accounts">${options}</datalist>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="actions">
<button type="submit" name="action" value="cancel" formnovalidate>Back</button>
<button type="submit" name="action" value="signin" class="primary">Sign in</button>
</div>
</form>
<details><summary class="muted">Accounts in this emulator</summary><table><thead><tr><th>Username</th><th>Name</th><th>Tenant</th></tr></thead><tbody>${rows}</tbody></table><p class="muted">Passwords are in the seed file.</p></details>`,
  );
}

export interface ConsentPageModel {
  action: string;
  interactionId: string;
  app: ApplicationRecord;
  publisher: TenantRecord | undefined;
  tenant: TenantRecord;
  adminUpn: string;
  permissions: string[];
}

export function consentPage(m: ConsentPageModel): string {
  const items = m.permissions
    .map((p) => describePermission(p))
    .map((p) => `<li><strong>${e(p.title)}</strong> <span class="muted">(<code>${e(p.name)}</code>, application)</span><br>${e(p.description)}</li>`)
    .join("");
  const publisher = m.publisher ? `${m.publisher.displayName} (${m.publisher.domains[m.publisher.domains.length - 1] ?? m.publisher.id})` : "unknown publisher";
  return layout(
    "Permissions requested",
    `<p class="muted">${e(m.adminUpn)}</p>
<h1>Permissions requested</h1>
<p><strong>${e(m.app.displayName)}</strong><br><span class="muted">Published by ${e(publisher)} · App ID <code>${e(m.app.appId)}</code></span></p>
<p>This app would like to:</p>
<ul class="perms">${items || "<li>Sign in and read your profile</li>"}</ul>
<p class="muted">If you accept, this app gets access to the specified resources for all users in <strong>${e(m.tenant.displayName)}</strong>. No one else will be prompted to review these permissions. You can remove the app in the Enterprise applications list.</p>
<form method="post" action="${e(m.action)}">
<input type="hidden" name="interaction" value="${e(m.interactionId)}">
<div class="actions">
<button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="accept" class="primary">Accept</button>
</div>
</form>`,
    true,
  );
}

export function errorPage(description: string, details: { traceId: string; correlationId: string; timestamp: string }): string {
  return layout(
    "Sign in error",
    `<h1>Sorry, but we’re having trouble signing you in.</h1>
<div class="error" role="alert">${e(description)}</div>
<table><tbody><tr><th>Request Id</th><td>${e(details.traceId)}</td></tr><tr><th>Correlation Id</th><td>${e(details.correlationId)}</td></tr><tr><th>Timestamp</th><td>${e(details.timestamp)}</td></tr></tbody></table>`,
  );
}

/** `response_mode=form_post`: the browser posts the result to the redirect URI. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Working...</title></head><body onload="document.forms[0].submit()"><form method="post" action="${e(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Continue.</p><button type="submit">Continue</button></noscript></form></body></html>`;
}

export function signedOutPage(): string {
  return layout("Signed out", `<h1>You signed out of your account</h1><p>It’s a good idea to close all browser windows.</p>`);
}

export function indexPage(m: { origin: string; tenants: TenantRecord[]; applications: ApplicationRecord[] }): string {
  const tenants = m.tenants
    .map((t) => `<tr><td>${e(t.displayName)}</td><td><code>${e(t.id)}</code></td><td>${t.domains.map((d) => `<code>${e(d)}</code>`).join(" ")}</td><td><a href="/${e(t.id)}/v2.0/.well-known/openid-configuration">discovery</a></td></tr>`)
    .join("");
  const apps = m.applications.map((a) => `<tr><td>${e(a.displayName)}</td><td><code>${e(a.appId)}</code></td></tr>`).join("");
  return layout(
    "Local Microsoft Entra ID emulator",
    `<h1>Local Microsoft cloud</h1>
<p>Entra ID and Microsoft Graph stand-in for Gatehouse, at <code>${e(m.origin)}</code>.</p>
<p>Authority for MSAL: <code>${e(m.origin)}/&lt;tenant&gt;</code> · Auth.js issuer: <code>${e(m.origin)}/common/v2.0</code> · Graph: <code>${e(m.origin)}/v1.0</code></p>
<h2>Tenants</h2><table><thead><tr><th>Name</th><th>Id</th><th>Domains</th><th></th></tr></thead><tbody>${tenants}</tbody></table>
<h2>Applications</h2><table><thead><tr><th>Name</th><th>App id</th></tr></thead><tbody>${apps}</tbody></table>`,
    true,
  );
}

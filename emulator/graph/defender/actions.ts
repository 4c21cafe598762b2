/**
 * The Defender XDR Unified RBAC permission catalog (namespace `microsoft.xdr`), as exposed by
 * `GET /beta/roleManagement/defender/resourceNamespaces?$expand=resourceActions`. Both
 * spellings of "security data basics" are listed because Microsoft's docs use both.
 */
import { createHash } from "node:crypto";

export const XDR_NAMESPACE = "microsoft.xdr";

export interface XdrAction { name: string; description: string; isPrivileged: boolean }

const action = (name: string, description: string, isPrivileged = false): XdrAction => ({ name: `${XDR_NAMESPACE}/${name}`, description, isPrivileged });

export const XDR_ACTIONS: XdrAction[] = [
  action("secops/securitydata/read", "Security operations: security data basics (read)"),
  action("secops/securitydata/basics/read", "Security operations: security data basics (read)"),
  action("secops/securitydata/alerts/manage", "Security operations: alerts (manage)"),
  action("secops/securitydata/response/manage", "Security operations: response (manage)"),
  action("secops/securitydata/liveresponse-basic/manage", "Security operations: basic live response (manage)", true),
  action("secops/securitydata/liveresponse-advanced/manage", "Security operations: advanced live response (manage)", true),
  action("secops/securitydata/filecollection/manage", "Security operations: file collection (manage)", true),
  action("secops/securitydata/emailquarantine/manage", "Security operations: email & collaboration quarantine (manage)"),
  action("secops/securitydata/emailadvancedaction/manage", "Security operations: email & collaboration advanced actions (manage)"),
  action("secops/rawdata/emailcontent/read", "Raw data: email & collaboration content (read)", true),
  action("secops/rawdata/emailmetadata/read", "Raw data: email & collaboration metadata (read)"),
  action("securityposture/posturemanagement/read", "Security posture: posture management (read)"),
  action("securityposture/posturemanagement/manage", "Security posture: posture management (manage)"),
  action("configuration/authorization/read", "Authorization and settings: authorization (read)"),
  action("configuration/authorization/manage", "Authorization and settings: authorization (manage)", true),
  action("configuration/security/read", "Authorization and settings: security settings (read)"),
  action("configuration/security/manage", "Authorization and settings: security settings (manage)", true),
  action("configuration/security/core/manage", "Authorization and settings: core security settings (manage)", true),
  action("configuration/detectiontuning/manage", "Authorization and settings: detection tuning (manage)"),
  action("configuration/system/read", "Authorization and settings: system settings (read)"),
  action("configuration/system/manage", "Authorization and settings: system settings (manage)", true),
];

/** A known action, or a wildcard (`*` within the action name) that matches at least one. */
export function isKnownAction(candidate: string): boolean {
  if (!candidate.includes("*")) return XDR_ACTIONS.some((a) => a.name.toLowerCase() === candidate.toLowerCase());
  const pattern = new RegExp(`^${candidate.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
  return XDR_ACTIONS.some((a) => pattern.test(a.name));
}

/** Stable ids, so built-in objects keep their ids across resets (as they do in Entra). */
export function stableId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

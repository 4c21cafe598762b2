import type { BlueprintDefenderRole } from "./blueprint";
import type { ManualChecklist } from "./types";

const PORTAL = "https://security.microsoft.com";

/**
 * What a customer's Security Administrator does by hand when the Defender Unified RBAC API
 * is refused or not active (GRAPH-API §4.4). `?tid=` opens the link in the customer tenant.
 */
export function defenderChecklist(role: BlueprintDefenderRole, groupName: string, tenantId: string, reason: string): ManualChecklist {
  const tid = `?tid=${encodeURIComponent(tenantId)}`;
  const liveResponse = !role.excludeActions.some((p) => p.toLowerCase().includes("liveresponse"));
  return {
    reason,
    items: [
      { text: "Sign in to the Microsoft Defender portal as a Security Administrator of the customer tenant.", href: `${PORTAL}/${tid}` },
      {
        text: "Either activate Unified RBAC for the Endpoints workload (Settings > Microsoft Defender XDR > Permissions and roles), then run provisioning again so Gatehouse creates the role,",
        href: `${PORTAL}/mtp_roles${tid}`,
      },
      {
        text: `or, in the legacy model (Settings > Endpoints > Roles), add the role "${role.displayName}" with View data, Alerts investigation and Active remediation actions${liveResponse ? " plus Live response capabilities (Basic)" : "; do not tick Live response capabilities"}, and never Manage security settings.`,
        href: `${PORTAL}/securitysettings/endpoints/user_roles${tid}`,
      },
      { text: `Assign the role to the Entra group "${groupName}" and save.` },
      { text: "Give the group access to the device groups its analysts work on (Settings > Endpoints > Device groups).", href: `${PORTAL}/securitysettings/endpoints/machine_groups${tid}` },
    ],
  };
}

import { Badge } from "@/components/ui/badge";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import type { Blueprint } from "@/lib/provisioning/blueprint";
import { approvalText, decisionText } from "@/lib/provisioning/blueprint-wording";

/** The blueprint, read-only: what Gatehouse builds in every customer tenant. */
export function BlueprintSummary({ blueprint }: { blueprint: Blueprint }) {
  const d = blueprint.definition;
  const groupName = (key: string) => d.groups.find((g) => g.key === key)?.displayName ?? key;
  return (
    <div className="grid grid-cols-1 gap-5 text-sm" data-testid="blueprint-summary">
      <DetailList>
        <DetailRow label="Version">{blueprint.version === 0 ? "built-in default" : `version ${blueprint.version}`}</DetailRow>
        <DetailRow label="Start on consent">{d.autoProvisionOnConsent ? "yes, as soon as consent is proven" : "no, an admin applies"}</DetailRow>
        <DetailRow label="Catalog">{`${d.catalog.displayName} (published, visible to external users)`}</DetailRow>
        <DetailRow label="Connected organization">the workspace&apos;s MSSP tenant</DetailRow>
      </DetailList>
      <section>
        <h4 className="font-semibold text-slate-900">Groups</h4>
        <ul className="mt-1 list-disc pl-5 text-slate-700">
          {d.groups.map((g) => (
            <li key={g.key}>{g.displayName}</li>
          ))}
        </ul>
      </section>
      <section>
        <h4 className="font-semibold text-slate-900">Defender XDR roles</h4>
        <ul className="mt-1 grid gap-2 text-slate-700">
          {d.defenderRoles.map((r) => (
            <li key={r.key}>
              <span className="font-medium">{r.displayName}</span> → {groupName(r.group)}
              <span className="block text-xs text-slate-500">{r.description}</span>
              <span className="block font-mono text-xs break-all text-slate-500">
                {r.includeActions.join(", ")}
                {r.excludeActions.length > 0 && ` except ${r.excludeActions.join(", ")}`}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4 className="font-semibold text-slate-900">Access packages</h4>
        <ul className="mt-1 grid gap-2 text-slate-700">
          {d.accessPackages.map((p) => (
            <li key={p.key}>
              <span className="font-medium">{p.displayName}</span> grants Member of {groupName(p.group)}
              <span className="mt-1 flex flex-wrap gap-1">
                <Badge tone="neutral" className="whitespace-normal">approval: {approvalText(p.policy, d)}</Badge>
                <Badge tone="neutral" className="whitespace-normal">{decisionText(p.policy)}</Badge>
                <Badge tone="neutral" className="whitespace-normal">expires after {p.policy.expirationDays} days</Badge>
                {p.policy.reviewEveryMonths && <Badge tone="neutral" className="whitespace-normal">review every {p.policy.reviewEveryMonths} months</Badge>}
                {p.policy.justificationRequired && <Badge tone="neutral" className="whitespace-normal">justification required</Badge>}
                {p.policy.allowExtension && <Badge tone="neutral">extension allowed</Badge>}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import { CopyButton } from "@/components/ui/copy-button";
import { ExternalLink } from "@/components/ui/external-link";

export interface PackageLinkItem {
  key: string;
  displayName: string;
  url: string;
}

/** Each access package's durable My Access request link, to open or to send to an analyst. */
export function PackageLinks({ packages, compact = false }: { packages: PackageLinkItem[]; compact?: boolean }) {
  return (
    <ul className="grid gap-2" aria-label="Access package request links">
      {packages.map((p) => (
        <li key={p.key} className="flex min-w-0 flex-wrap items-center gap-2">
          <ExternalLink href={p.url}>
            {p.displayName}
          </ExternalLink>
          {/* The URL and its copy button stay on one line; the URL gives way on a narrow screen. */}
          <span className="flex min-w-0 flex-1 items-center gap-2">
            {!compact && <span className="min-w-0 truncate font-mono text-xs text-slate-500">{p.url}</span>}
            <CopyButton text={p.url} label={`Copy the ${p.displayName} request link`} iconOnly successMessage="Request link copied" />
          </span>
        </li>
      ))}
    </ul>
  );
}

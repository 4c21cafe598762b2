"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";

/** Shows a freshly issued consent link; Gatehouse keeps only its hash, so this is the one chance. */
export function IssuedLink({ link, expiresAt }: { link: string; expiresAt: string }) {
  return (
    <div className="rounded-md border border-emerald-200 bg-emerald-50 p-4">
      <p className="text-sm font-medium text-emerald-900">Consent link for the customer&apos;s Global Administrator</p>
      <div className="mt-2 flex items-center gap-2">
        <input
          readOnly
          aria-label="Consent link"
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs text-slate-800"
        />
        <CopyButton text={link} label="Copy link" successMessage="Consent link copied" />
      </div>
      <p className="mt-2 text-xs text-emerald-900">
        Expires <RelativeTime date={expiresAt} />. Copy it now: for security Gatehouse keeps only a fingerprint of it. You
        can issue a new link at any time.
      </p>
    </div>
  );
}

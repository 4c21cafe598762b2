/** One field of a step's exact change, shown as before → after. */
function show(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export function ChangeList({ change }: { change: Record<string, { before?: unknown; after: unknown }> }) {
  const fields = Object.entries(change);
  if (fields.length === 0) return null;
  return (
    <dl className="mt-2 grid gap-1 rounded-md bg-slate-50 p-2 font-mono text-xs">
      {fields.map(([field, { before, after }]) => (
        <div key={field} className="grid gap-x-2 sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">{field}</dt>
          <dd className="min-w-0 break-words">
            {before !== undefined && (
              <>
                <del className="text-red-700">{show(before)}</del>
                <span className="text-slate-400"> → </span>
              </>
            )}
            <ins className="text-emerald-800 no-underline">{show(after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

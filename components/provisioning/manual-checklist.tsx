import type { ManualChecklist as Checklist } from "@/lib/provisioning/types";

/** What a person has to do where Gatehouse could not (GRAPH-API §4.4), with deep links. */
export function ManualChecklist({ checklist }: { checklist: Checklist }) {
  return (
    <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">{checklist.reason}</p>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        {checklist.items.map((item, i) => (
          <li key={i}>
            {item.href ? (
              <a className="underline" href={item.href} target="_blank" rel="noreferrer">
                {item.text}
              </a>
            ) : (
              item.text
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

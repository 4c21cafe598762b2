import { Card, CardContent } from "@/components/ui/card";

/** An honest placeholder: says what this section will show and which piece of work brings it. */
export function PlannedFeature({ what, arrivesWith }: { what: string; arrivesWith: string }) {
  return (
    <Card>
      <CardContent className="py-10 text-center">
        <p className="text-sm font-medium uppercase tracking-wide text-slate-500">Not built yet</p>
        <p className="mx-auto mt-2 max-w-xl text-slate-700">{what}</p>
        <p className="mt-2 text-sm text-slate-500">Arrives with: {arrivesWith}</p>
      </CardContent>
    </Card>
  );
}

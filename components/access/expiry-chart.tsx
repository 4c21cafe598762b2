"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAbsolute } from "@/components/ui/format-time";

/** Expiries per week over the next 90 days. The table beside it carries the same data for screen readers. */
export function ExpiryChart({ data }: { data: { label: string; startsAt: string; count: number }[] }) {
  const total = data.reduce((sum, d) => sum + d.count, 0);
  return (
    <figure aria-label={`${total} expiries in the next 90 days, by week`} className="h-56 w-full min-w-0">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tickFormatter={(l: string) => l.replace("Week ", "W")} fontSize={11} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip
            labelFormatter={(_, payload) => {
              const startsAt = payload?.[0]?.payload?.startsAt as string | undefined;
              return startsAt ? `Week from ${formatAbsolute(new Date(startsAt)).split(",")[0]}` : "";
            }}
            formatter={(value) => [value, "Expiries"]}
          />
          <Bar dataKey="count" fill="var(--color-brand-600)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

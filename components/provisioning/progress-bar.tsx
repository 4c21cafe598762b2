/** "Creating 14 of 21" with a bar; the numbers come from the run's step records. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total > 0 ? Math.round((Math.min(done, total) / total) * 100) : 0;
  return (
    <div className="grid gap-1.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="bg-brand-600 h-full transition-all duration-500" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

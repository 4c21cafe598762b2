import { Skeleton } from "@/components/ui/skeleton";

/** The loading state of a list on the access pages, sized like the real rows. */
export function PageSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={`Loading ${label}`} className="grid gap-4">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-16 w-full" />
      ))}
    </div>
  );
}

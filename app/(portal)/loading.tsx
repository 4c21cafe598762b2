import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function PortalLoading() {
  return (
    <div className="grid gap-6">
      <Skeleton className="h-8 w-64" />
      <SkeletonRows rows={5} label="Loading the page" />
    </div>
  );
}

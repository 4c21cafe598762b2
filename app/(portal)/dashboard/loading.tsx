import { PageSkeleton } from "@/components/access/page-skeleton";

export default function DashboardLoading() {
  return <PageSkeleton label="the dashboard" rows={5} />;
}

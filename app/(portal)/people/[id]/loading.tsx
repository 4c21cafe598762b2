import { PageSkeleton } from "@/components/access/page-skeleton";

export default function PersonLoading() {
  return <PageSkeleton label="this person's access" rows={4} />;
}

import { PageSkeleton } from "@/components/access/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="this person's access" />;
}

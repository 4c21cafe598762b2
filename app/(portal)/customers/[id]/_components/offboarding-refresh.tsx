"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While the worker offboards, the page re-reads the report every two seconds. */
export function OffboardingRefresh() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}

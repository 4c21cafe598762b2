import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * A link out of Gatehouse (My Access, the Defender portal): a new tab, so the portal stays open,
 * and no Referer, so the other site never learns Gatehouse's URLs.
 */
export function ExternalLink({ className, ...props }: Omit<ComponentProps<"a">, "target" | "rel">) {
  return <a className={cn("text-brand-700 font-medium hover:underline", className)} target="_blank" rel="noreferrer" {...props} />;
}

import { LocalTime } from "@/components/ui/local-time";
import type { DetailValue } from "./wording";

export function DetailValueView({ value }: { value: DetailValue }) {
  if (value.kind === "time") return <LocalTime date={value.iso} display="both" className="whitespace-normal" />;
  if (value.kind === "list") return <>{value.items.join(", ")}</>;
  return <>{value.text}</>;
}

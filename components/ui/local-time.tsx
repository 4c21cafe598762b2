"use client";

import { useSyncExternalStore } from "react";
import { RelativeTime } from "./relative-time";

const subscribe = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => "UTC";

/**
 * <RelativeTime> in the viewer's own time zone. The server renders UTC (it cannot know the
 * zone); the browser re-renders in its zone right after hydration.
 */
export function LocalTime(props: Omit<Parameters<typeof RelativeTime>[0], "timeZone">) {
  const timeZone = useSyncExternalStore(subscribe, browserZone, serverZone);
  return <RelativeTime {...props} timeZone={timeZone} />;
}

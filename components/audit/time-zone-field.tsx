"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/** Sends the browser's UTC offset with the filters, so "From 12 Nov" means the viewer's 12 Nov. */
export function TimeZoneField() {
  const offset = useSyncExternalStore(subscribe, () => String(new Date().getTimezoneOffset()), () => "");
  return offset ? <input type="hidden" name="tz" value={offset} /> : null;
}

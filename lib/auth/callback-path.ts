const BASE = "http://gatehouse.invalid";

/**
 * Only same-site paths: anything that resolves to another origin (absolute, protocol-relative,
 * backslash or control-character tricks that browsers normalize) would make sign-in an open
 * redirect.
 */
export function safeCallbackPath(value: unknown, fallback = "/dashboard"): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || value.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

"use client";

import { useInsertionEffect } from "react";

declare global {
  // Read by react-style-singleton (Radix Dialog's scroll lock) when it injects its <style>.
  var __webpack_nonce__: string | undefined;
}

/**
 * Hands this request's CSP nonce to libraries that add <style> elements at run time, so the
 * policy (lib/security/headers.ts) can keep refusing every other inline style element.
 */
export function StyleNonce({ nonce }: { nonce: string }) {
  useInsertionEffect(() => {
    // The document keeps the policy of its first load; a client-side navigation brings a new
    // request's nonce, which that policy does not know. So the first nonce stays.
    globalThis.__webpack_nonce__ ??= nonce;
  }, [nonce]);
  return null;
}

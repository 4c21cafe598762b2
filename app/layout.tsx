import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers/query-provider";
import { StyleNonce } from "@/components/providers/style-nonce";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gatehouse", template: "%s · Gatehouse" },
  description: "Automates Microsoft's MSSP access recipe across every customer tenant.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request: proxy.ts gives each response a
  // fresh CSP nonce, and a page prerendered at build time would carry scripts without it.
  const nonce = (await headers()).get("x-nonce");
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {nonce && <StyleNonce nonce={nonce} />}
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}

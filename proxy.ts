import { NextResponse, type NextRequest } from "next/server";

// Only sends visitors without a session cookie to the sign-in page, remembering where they were
// going. Real checks happen next to the data (lib/auth/current-user.ts and the wrappers).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/customers/:path*",
    "/approvals/:path*",
    "/access/:path*",
    "/people/:path*",
    "/launchpad/:path*",
    "/me/:path*",
    "/audit/:path*",
    "/settings/:path*",
  ],
};

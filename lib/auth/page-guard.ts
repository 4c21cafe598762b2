import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getSessionState, type CurrentUser } from "./current-user";
import { can, type Permission } from "./permissions";

/**
 * For pages: the signed-in user. A session the server ended goes to a page that says why;
 * no session goes to sign-in.
 */
export async function requirePageUser(): Promise<CurrentUser> {
  const state = await getSessionState();
  if (state.status === "active") return state.user;
  if (state.status === "ended") redirect(`/sign-in/ended?reason=${state.reason}`);
  redirect("/sign-in");
}

/** For pages: no session → sign-in; a session without the permission → 403 page. */
export async function requirePagePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requirePageUser();
  if (!can(user, permission)) forbidden();
  return user;
}

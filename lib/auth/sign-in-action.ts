"use server";

import { signIn } from "./config";
import { safeCallbackPath } from "./callback-path";

export async function signInAction(formData: FormData): Promise<void> {
  await signIn("microsoft-entra-id", { redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
}

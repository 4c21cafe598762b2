"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { saveBlueprintFromForm } from "@/lib/data/blueprint-versions";

// Every field is text; the blueprint's own schema validates what they say (lib/provisioning/blueprint-form).
const blueprintFormSchema = z.record(z.string(), z.string({ error: "Every field of the blueprint form is text." }));

/** Saves the edited blueprint as a new version (admins only). */
export const saveBlueprintAction = authorizedAction(blueprintFormSchema, "blueprint:write", async (values, user) => {
  const result = await saveBlueprintFromForm(user, values);
  if (result.outcome === "saved") {
    revalidatePath("/settings");
    revalidatePath("/settings/blueprint/versions");
  }
  const message = result.outcome === "saved" ? `Saved as version ${result.version}.` : result.outcome === "unchanged" ? `Nothing changed: the blueprint is still version ${result.version}.` : result.message;
  return { data: result, message };
});

import Link from "next/link";
import { BlueprintSummary } from "@/components/provisioning/blueprint-summary";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import type { Blueprint } from "@/lib/provisioning/blueprint";
import { BlueprintEditor } from "./blueprint-editor";

/** The blueprint on Settings: a form for those who may change it, the summary for everyone else. */
export function BlueprintSection({ user, blueprint }: { user: CurrentUser; blueprint: Blueprint }) {
  const editable = can(user, "blueprint:write");
  const version = blueprint.version === 0 ? "the built-in default (version 0)" : `version ${blueprint.version}`;
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>Blueprint</CardTitle>
        <CardDescription>
          What Gatehouse builds in every customer tenant (Microsoft&apos;s MSSP access recipe). Now {version}.{" "}
          <Link href="/settings/blueprint/versions" className="font-medium text-brand-600 underline-offset-4 hover:underline">
            Versions and their changes
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent>{editable ? <BlueprintEditor blueprint={blueprint} /> : <BlueprintSummary blueprint={blueprint} />}</CardContent>
    </Card>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { Brand } from "@/components/shell/brand";
import { buttonClassName, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

const borders = { warning: "border-amber-200", danger: "border-red-200" } as const;

/** The page a person lands on when sign-in failed, was refused or their session ended: what happened, and the way back. */
export function SignInNotice({
  title,
  tone,
  action,
  children,
}: {
  title: string;
  tone: keyof typeof borders;
  action: { label: string; variant: ButtonVariant };
  children: ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col gap-6 px-6 py-12">
      <Brand />
      <div role="alert" className={cn("rounded-lg border bg-white p-6 shadow-sm", borders[tone])}>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {children}
        <Link href="/sign-in" className={buttonClassName({ variant: action.variant, className: "mt-6" })}>
          {action.label}
        </Link>
      </div>
    </main>
  );
}

"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { NavItemLink } from "./nav-item-link";

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
      {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
    </svg>
  );
}

/**
 * The navigation on small screens: one menu button that opens the sections, the signed-in user
 * and sign-out as a panel under the header. Escape, a link or a click elsewhere closes it.
 */
export function NavMenu({ items, account }: { items: { href: string; label: string }[]; account: ReactNode }) {
  const pathname = usePathname();
  const [openAt, setOpenAt] = useState<string | null>(null);
  // Open only on the page where it was opened: following a link closes it.
  const open = openAt === pathname;
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpenAt(null);
    const onClick = (event: MouseEvent) => !root.current?.contains(event.target as Node) && setOpenAt(null);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={root} className="ml-auto lg:hidden">
      <Button variant="outline" size="sm" aria-expanded={open} aria-controls={panelId} onClick={() => setOpenAt(open ? null : pathname)}>
        <MenuIcon open={open} />
        Menu
      </Button>
      {open && (
        <div id={panelId} className="absolute inset-x-0 top-full z-40 border-b border-slate-200 bg-white px-6 pt-2 pb-4 shadow-lg">
          <nav aria-label="Main" className="grid gap-0.5">
            {items.map((item) => (
              <NavItemLink key={item.href} item={item} variant="menu" />
            ))}
          </nav>
          <div className="mt-3 border-t border-slate-100 pt-3">{account}</div>
        </div>
      )}
    </div>
  );
}

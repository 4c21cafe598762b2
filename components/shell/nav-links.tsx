import { NavItemLink } from "./nav-item-link";

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-0.5">
      {items.map((item) => (
        <NavItemLink key={item.href} item={item} variant="bar" />
      ))}
    </nav>
  );
}

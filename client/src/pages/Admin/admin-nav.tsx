import { SECTIONS, type SectionId } from "./sections";

/** The links between the Admin page's sections; the current one is marked for assistive technology. */
export function AdminNav({ current }: { current: SectionId | "overview" | null }) {
  const links = [
    { id: "overview", label: "Overview", href: "/admin" },
    ...SECTIONS.map((s) => ({ ...s, href: `/admin/${s.id}` })),
  ];
  return (
    <nav class="admin-nav" aria-label="Admin sections">
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            <a href={link.href} aria-current={link.id === current ? "page" : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

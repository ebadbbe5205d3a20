import { useEffect, useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { useAction } from "../lib/use-action";
import { unread, useUnreadPolling } from "../state/inbox";
import { me, signOut } from "../state/session";
import { Avatar } from "./avatar";
import "./header.css";

function current(active: boolean) {
  return active ? ("page" as const) : undefined;
}

/**
 * A disclosure (a button that shows and hides a panel beside it), for the header's menus. It
 * closes on Escape, handing focus back to its button when focus was inside; when a click or focus
 * lands outside both the button and the panel; when a link in the panel is followed; and when the
 * page changes any other way (Back). The disclosure pattern, not `role="menu"`: the panel holds
 * plain links that Tab reaches in order.
 */
function useDisclosure<Panel extends HTMLElement>(path: string) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<Panel>(null);

  useEffect(() => setOpen(false), [path]);

  useEffect(() => {
    if (!open) return;
    const inside = (node: EventTarget | null) =>
      node instanceof Node && Boolean(button.current?.contains(node) || panel.current?.contains(node));
    const onOutside = (event: Event) => {
      if (!inside(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      if (inside(document.activeElement)) button.current?.focus();
      setOpen(false);
    };
    document.addEventListener("pointerdown", onOutside);
    document.addEventListener("focusin", onOutside);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onOutside);
      document.removeEventListener("focusin", onOutside);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return {
    open,
    button: { ref: button, "aria-expanded": open, onClick: () => setOpen(!open) },
    panel: {
      ref: panel,
      onClick: (event: MouseEvent) => {
        if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
      },
    },
  };
}

interface NavLink {
  href: string;
  label: string;
  active: boolean;
}

function NavItem({ href, label, active }: NavLink) {
  return (
    <li>
      <a href={href} aria-current={current(active)}>
        {label}
      </a>
    </li>
  );
}

/**
 * The site header in one row: product name, the few pages people use daily, "More" for the rest,
 * and the account menu (profile, admin, sign out). Below 40rem the navigation folds behind "Menu".
 */
export function Header() {
  const { path, route } = useLocation();
  const person = me.value;
  const { busy: signingOut, error, run, setError } = useAction();
  useUnreadPolling(Boolean(person));
  const count = unread.value ?? 0;
  const menu = useDisclosure<HTMLElement>(path);
  const more = useDisclosure<HTMLUListElement>(path);
  const account = useDisclosure<HTMLDivElement>(path);

  async function onSignOut() {
    await run(
      async () => {
        const next = await signOut();
        if (next.startsWith("/sign-in")) route(next);
        else location.assign(next);
      },
      { fail: () => setError("Signing out failed. Try again.") },
    );
  }

  const roles = person?.roles ?? [];
  const isAdmin = roles.includes("admin");
  const profile = person ? `/people/${person.id}` : "";
  const secondary: NavLink[] = [
    { href: "/propose", label: "Propose", active: path === "/propose" },
    { href: "/people", label: "People", active: path.startsWith("/people") && path !== profile },
    { href: "/showcases", label: "Showcases", active: path.startsWith("/showcases") },
    { href: "/recognition", label: "Recognition", active: path === "/recognition" },
    { href: "/following", label: "Following", active: path === "/following" },
  ];
  if (roles.includes("reviewer") || isAdmin)
    secondary.push({ href: "/dashboard", label: "Dashboard", active: path === "/dashboard" });
  if (roles.includes("sponsor") || isAdmin)
    secondary.push({ href: "/budgets", label: "Budgets", active: path === "/budgets" });
  const badge = count > 99 ? "99+" : String(count);

  return (
    <header class="site-header">
      <div class="container header-inner">
        <a class="brand" href="/">
          <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" />
            <path d="M9 22 16 8l7 14h-4l-3-6.5L13 22z" />
          </svg>
          Crux
        </a>
        {person && (
          <>
            <button type="button" class="header-button menu-button" aria-controls="main-nav" {...menu.button}>
              <span class="menu-icon" aria-hidden="true" />
              Menu
              {count > 0 && (
                <>
                  <span class="count-badge" data-count={badge} aria-hidden="true" />
                  <span class="visually-hidden">, {count} unread</span>
                </>
              )}
            </button>
            <nav id="main-nav" class={`main-nav${menu.open ? " open" : ""}`} aria-label="Main" {...menu.panel}>
              <ul class="nav-primary">
                <NavItem href="/my-work" label="My work" active={path.startsWith("/my-work")} />
                <NavItem href="/" label="Marketplace" active={path === "/" || path.startsWith("/challenges/")} />
                <NavItem href="/for-you" label="For you" active={path === "/for-you"} />
                <li>
                  <a
                    href="/inbox"
                    aria-current={current(path === "/inbox")}
                    aria-label={count > 0 ? `Inbox, ${count} unread` : undefined}
                  >
                    Inbox
                    {/* The number is drawn by CSS, so the link's visible text stays within its name. */}
                    {count > 0 && <span class="count-badge" data-count={badge} aria-hidden="true" />}
                  </a>
                </li>
                <li class="nav-more">
                  <button
                    type="button"
                    class={`header-button more-button${secondary.some((l) => l.active) ? " holds-current" : ""}`}
                    aria-controls="nav-more"
                    {...more.button}
                  >
                    More
                  </button>
                  <ul id="nav-more" class={`nav-more-list popup${more.open ? " open" : ""}`} {...more.panel}>
                    {secondary.map((link) => (
                      <NavItem key={link.href} {...link} />
                    ))}
                  </ul>
                </li>
              </ul>
            </nav>
            <div class="account" {...account.panel}>
              <button
                type="button"
                class={`header-button account-button${path === profile ? " holds-current" : ""}`}
                aria-controls="account-menu"
                {...account.button}
              >
                <Avatar name={person.name} url={person.avatarUrl} />
                <span class="visually-hidden">Account: </span>
                <span class="account-name">{person.name}</span>
              </button>
              <div id="account-menu" class={`account-menu popup${account.open ? " open" : ""}`}>
                <p class="account-who">
                  <strong>{person.name}</strong>
                  <span>{person.email}</span>
                </p>
                <ul>
                  <li>
                    <a href={profile} aria-current={current(path === profile)}>
                      Your profile
                    </a>
                  </li>
                  <li>
                    <a href="/settings/notifications" aria-current={current(path === "/settings/notifications")}>
                      Notification settings
                    </a>
                  </li>
                  {isAdmin && (
                    <li>
                      <a href="/admin" aria-current={current(path === "/admin" || path.startsWith("/admin/"))}>
                        Admin
                      </a>
                    </li>
                  )}
                  <li>
                    <button type="button" class="account-sign-out" onClick={onSignOut} disabled={signingOut}>
                      {signingOut ? "Signing out…" : "Sign out"}
                    </button>
                  </li>
                </ul>
              </div>
            </div>
          </>
        )}
      </div>
      {error && (
        <div class="container" role="alert">
          <p class="field-error">{error}</p>
        </div>
      )}
    </header>
  );
}

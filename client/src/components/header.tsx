import { useLocation } from "preact-iso";
import { useAction } from "../lib/use-action";
import { unread, useUnreadPolling } from "../state/inbox";
import { me, signOut } from "../state/session";
import "./header.css";

function current(active: boolean) {
  return active ? ("page" as const) : undefined;
}

/** The site header: product name, main navigation, the signed-in person and Sign out. */
export function Header() {
  const { path, route } = useLocation();
  const person = me.value;
  const { busy: signingOut, error, run, setError } = useAction();
  useUnreadPolling(Boolean(person));
  const count = unread.value ?? 0;

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
          <nav class="main-nav" aria-label="Main">
            <ul>
              <li>
                <a href="/" aria-current={current(path === "/" || path.startsWith("/challenges/"))}>
                  Marketplace
                </a>
              </li>
              <li>
                <a href="/propose" aria-current={current(path === "/propose")}>
                  Propose
                </a>
              </li>
              <li>
                <a href="/people" aria-current={current(path.startsWith("/people") && path !== `/people/${person.id}`)}>
                  People
                </a>
              </li>
              <li>
                <a href="/for-you" aria-current={current(path === "/for-you")}>
                  For you
                </a>
              </li>
              <li>
                <a href="/following" aria-current={current(path === "/following")}>
                  Following
                </a>
              </li>
              <li>
                <a href="/recognition" aria-current={current(path === "/recognition")}>
                  Recognition
                </a>
              </li>
              <li>
                <a href="/showcases" aria-current={current(path.startsWith("/showcases"))}>
                  Showcases
                </a>
              </li>
              {(person.roles.includes("reviewer") || person.roles.includes("admin")) && (
                <li>
                  <a href="/dashboard" aria-current={current(path === "/dashboard")}>
                    Dashboard
                  </a>
                </li>
              )}
              <li>
                <a
                  href="/inbox"
                  aria-current={current(path === "/inbox")}
                  aria-label={count > 0 ? `Inbox, ${count} unread` : undefined}
                >
                  Inbox
                  {/* The number is drawn by CSS, so the link's visible text stays within its name. */}
                  {count > 0 && <span class="count-badge" data-count={count > 99 ? "99+" : count} aria-hidden="true" />}
                </a>
              </li>
              {(person.roles.includes("sponsor") || person.roles.includes("admin")) && (
                <li>
                  <a href="/budgets" aria-current={current(path === "/budgets")}>
                    Budgets
                  </a>
                </li>
              )}
              {person.roles.includes("admin") && (
                <li>
                  <a href="/admin" aria-current={current(path === "/admin")}>
                    Admin
                  </a>
                </li>
              )}
            </ul>
          </nav>
        )}
        {person && (
          <div class="account">
            <a
              class="account-name"
              href={`/people/${person.id}`}
              aria-current={current(path === `/people/${person.id}`)}
            >
              {person.name}
            </a>
            <button type="button" class="button button-ghost button-small" onClick={onSignOut} disabled={signingOut}>
              {signingOut ? "Signing out…" : "Sign out"}
            </button>
          </div>
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

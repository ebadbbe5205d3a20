import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from "preact-iso";
import { FailedPage, Loading } from "./components/alert";
import { PageErrorBoundary } from "./components/error-boundary";
import { Header } from "./components/header";
import { onUnauthorized } from "./lib/http";
import { clearResourceCache } from "./lib/use-resource";
import { loadMe, me, sessionError } from "./state/session";

/** A page's chunk; if it cannot be fetched (say, after a deploy), says so instead of hanging. */
function page(load: () => Promise<{ default: ComponentType }>) {
  return lazy(() => load().catch(() => ({ default: ChunkFailed })));
}

function ChunkFailed() {
  return (
    <FailedPage title="This page did not load" onRetry={() => location.reload()}>
      Part of Crux could not be downloaded. Check your connection.
    </FailedPage>
  );
}

const Marketplace = page(() => import("./pages/Marketplace/index.tsx"));
const SignIn = page(() => import("./pages/SignIn/index.tsx"));
const ChallengePage = page(() => import("./pages/Challenge/index.tsx"));
const Propose = page(() => import("./pages/Propose/index.tsx"));
const EditChallenge = page(() => import("./pages/EditChallenge/index.tsx"));
const People = page(() => import("./pages/People/index.tsx"));
const Profile = page(() => import("./pages/Profile/index.tsx"));
const Admin = page(() => import("./pages/Admin/index.tsx"));
const Budgets = page(() => import("./pages/Budgets/index.tsx"));
const ForYou = page(() => import("./pages/ForYou/index.tsx"));
const Inbox = page(() => import("./pages/Inbox/index.tsx"));
const MyWork = page(() => import("./pages/MyWork/index.tsx"));
const Following = page(() => import("./pages/Following/index.tsx"));
const Recognition = page(() => import("./pages/Recognition/index.tsx"));
const ImpactPacket = page(() => import("./pages/ImpactPacket/index.tsx"));
const Plan = page(() => import("./pages/Plan/index.tsx"));
const Showcases = page(() => import("./pages/Showcases/index.tsx"));
const ShowcaseEvent = page(() => import("./pages/ShowcaseEvent/index.tsx"));
const Dashboard = page(() => import("./pages/Dashboard/index.tsx"));
const NotificationSettings = page(() => import("./pages/Settings/index.tsx"));
const DevOutbox = page(() => import("./pages/DevOutbox/index.tsx"));
const NotFound = page(() => import("./pages/NotFound/index.tsx"));
const Lend = page(() => import("./pages/Lend/index.tsx"));

/** Pages anyone may see without signing in. */
const PUBLIC_PATHS = new Set(["/sign-in"]);

function Shell() {
  const { path, url, route } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const [busy, setBusy] = useState(false);
  const isPublic = PUBLIC_PATHS.has(path);
  const person = me.value;

  useEffect(() => {
    onUnauthorized(() => {
      clearResourceCache();
      me.value = null;
    });
    if (me.value === undefined) loadMe();
  }, []);

  // Signed out: go to the sign-in page, remembering where the person was going.
  useEffect(() => {
    if (person === null && !isPublic) route(`/sign-in?next=${encodeURIComponent(url)}`, true);
  }, [person, isPublic]);

  let content = null;
  if (isPublic || person) {
    content = (
      <PageErrorBoundary resetKey={path}>
        <ErrorBoundary>
          <Router
            onLoadStart={() => setBusy(true)}
            onLoadEnd={() => setBusy(false)}
            onRouteChange={() => mainRef.current?.focus({ preventScroll: true })}
          >
            <Route path="/" component={Marketplace} />
            <Route path="/sign-in" component={SignIn} />
            <Route path="/propose" component={Propose} />
            <Route path="/challenges/:id" component={ChallengePage} />
            <Route path="/challenges/:id/edit" component={EditChallenge} />
            <Route path="/people" component={People} />
            <Route path="/people/:id" component={Profile} />
            <Route path="/people/:id/impact-packet" component={ImpactPacket} />
            <Route path="/people/:id/plan" component={Plan} />
            <Route path="/budgets" component={Budgets} />
            <Route path="/for-you" component={ForYou} />
            <Route path="/inbox" component={Inbox} />
            <Route path="/my-work" component={MyWork} />
            <Route path="/my-work" component={MyWork} />
            <Route path="/following" component={Following} />
            <Route path="/recognition" component={Recognition} />
            <Route path="/showcases" component={Showcases} />
            <Route path="/showcases/events/:id" component={ShowcaseEvent} />
            <Route path="/dashboard" component={Dashboard} />
            <Route path="/admin" component={Admin} />
            <Route path="/admin/:section" component={Admin} />
            <Route path="/lends/:id" component={Lend} />
            <Route path="/lends/:id/report" component={Lend} />
            <Route path="/settings/notifications" component={NotificationSettings} />
            <Route path="/dev/outbox" component={DevOutbox} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </PageErrorBoundary>
    );
  } else if (sessionError.value) {
    content = (
      <FailedPage title="Crux is not reachable" onRetry={loadMe}>
        {sessionError.value}
      </FailedPage>
    );
  } else {
    content = <Loading />;
  }

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" class="container" tabIndex={-1} ref={mainRef} aria-busy={busy ? "true" : undefined}>
        {content}
      </main>
    </>
  );
}

export function App() {
  // Links to /api/* (the API reference) are real page loads, not client-side routes.
  return (
    <LocationProvider scope={/^\/(?!api(\/|$))/}>
      <Shell />
    </LocationProvider>
  );
}

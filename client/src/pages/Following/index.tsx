import { PagedResults } from "../../components/paged-results";
import { UpdateItem } from "../../components/update-item";
import { api } from "../../lib/api";
import { plural } from "../../lib/format";
import { call } from "../../lib/http";
import { usePagedList } from "../../lib/use-paged-list";
import { useTitle } from "../../lib/use-title";
import "./following.css";

/** "Following" (SPEC §6): updates of the challenges I lead, back or am on, newest first. */
export default function FollowingPage() {
  useTitle("Following");
  const list = usePagedList(
    (cursor) => call(api.feed.$get({ query: { limit: "15", ...(cursor ? { cursor } : {}) } })),
    "feed",
  );
  return (
    <div class="page medium">
      <div class="page-header">
        <h1>Following</h1>
      </div>
      <p class="muted">
        Updates from the challenges you lead, back or work on: milestones met, KPIs measured, what comes next.
      </p>
      <PagedResults
        list={list}
        loadingText="Loading updates…"
        counted={(n) => plural(n, "update")}
        skeletons={3}
        errorTitle="Your feed could not be loaded"
        empty={
          <>
            <p>
              <strong>Nothing to follow yet.</strong>
            </p>
            <p>
              Back a challenge in the <a href="/">marketplace</a>, or join a team, and its updates appear here.
            </p>
          </>
        }
      >
        {(items) => (
          <ol class="plain-list feed-list" aria-label="Updates, newest first">
            {items.map((u) => (
              <li key={u.id} class="card">
                <UpdateItem update={u} showChallenge />
              </li>
            ))}
          </ol>
        )}
      </PagedResults>
    </div>
  );
}

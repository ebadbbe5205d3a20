import { useEffect, useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { Alert, Loading } from "../../components/alert";
import { ChallengeForm } from "../../components/challenge-form";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { ApiError, call, messageOf } from "../../lib/http";
import type { Challenge } from "../../lib/types";
import { useTitle } from "../../lib/use-title";

type Loaded =
  | { status: "loading" }
  | { status: "error"; error: ApiError | null; message: string }
  | { status: "ready"; challenge: Challenge };

export default function EditChallenge() {
  const { params } = useRoute();
  const id = params.id;
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  useTitle(loaded.status === "ready" ? `Edit ${loaded.challenge.title}` : "Edit challenge");

  async function load() {
    setLoaded({ status: "loading" });
    try {
      setLoaded({ status: "ready", challenge: await call(api.challenges[":id"].$get({ param: { id } })) });
    } catch (err) {
      setLoaded({ status: "error", error: err instanceof ApiError ? err : null, message: messageOf(err) });
    }
  }

  useEffect(() => {
    load();
  }, [id]);

  if (loaded.status === "error" && loaded.error?.status === 404) {
    return (
      <NotFoundMessage what="Challenge" message="This challenge does not exist, or it is a draft you cannot see." />
    );
  }

  return (
    <div class="page medium">
      <h1>Edit challenge</h1>
      {loaded.status === "loading" && <Loading label="Loading the challenge…" />}
      {loaded.status === "error" && <Alert onRetry={load}>{loaded.message}</Alert>}
      {loaded.status === "ready" &&
        (loaded.challenge.viewer.canEdit ? (
          <>
            <p class="muted">
              Editing <a href={`/challenges/${id}`}>{loaded.challenge.title}</a>. Unsaved changes are kept on this
              device until you save.
            </p>
            <ChallengeForm key={id} challenge={loaded.challenge} storageKey={`crux:draft:/challenges/${id}/edit`} />
          </>
        ) : (
          <Alert kind="info" title="You cannot edit this challenge">
            {loaded.challenge.viewer.isLead || loaded.challenge.viewer.isCoLead
              ? `A ${loaded.challenge.stage} challenge can no longer be edited.`
              : "Only its lead and co-lead can edit it."}{" "}
            <a href={`/challenges/${id}`}>Back to the challenge</a>.
          </Alert>
        ))}
    </div>
  );
}

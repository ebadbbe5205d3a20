import { useRoute } from "preact-iso";
import { Alert, Loading } from "../../components/alert";
import { ChallengeForm } from "../../components/challenge-form";
import { NotFoundMessage } from "../../components/not-found";
import { api } from "../../lib/api";
import { call } from "../../lib/http";
import { useResource } from "../../lib/use-resource";
import { useTitle } from "../../lib/use-title";

export default function EditChallenge() {
  const { params } = useRoute();
  const id = params.id;
  const { loaded, reload } = useResource(() => call(api.challenges[":id"].$get({ param: { id } })), `challenge:${id}`, {
    fresh: true,
  });
  useTitle(loaded.status === "ready" ? `Edit ${loaded.value.title}` : "Edit challenge");

  if (loaded.status === "error" && loaded.notFound) {
    return (
      <NotFoundMessage what="Challenge" message="This challenge does not exist, or it is a draft you cannot see." />
    );
  }

  return (
    <div class="page medium">
      <h1>Edit challenge</h1>
      {loaded.status === "loading" && <Loading label="Loading the challenge…" />}
      {loaded.status === "error" && <Alert onRetry={reload}>{loaded.message}</Alert>}
      {loaded.status === "ready" &&
        (loaded.value.viewer.canEdit ? (
          <>
            <p class="muted">
              Editing <a href={`/challenges/${id}`}>{loaded.value.title}</a>. Unsaved changes are kept on this device
              until you save.
            </p>
            <ChallengeForm key={id} challenge={loaded.value} storageKey={`crux:draft:/challenges/${id}/edit`} />
          </>
        ) : (
          <Alert kind="info" title="You cannot edit this challenge">
            {loaded.value.viewer.isLead || loaded.value.viewer.isCoLead
              ? `A ${loaded.value.stage} challenge can no longer be edited.`
              : "Only its lead and co-lead can edit it."}{" "}
            <a href={`/challenges/${id}`}>Back to the challenge</a>.
          </Alert>
        ))}
    </div>
  );
}

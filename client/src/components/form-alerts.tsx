import { Alert } from "./alert";
import { ErrorSummary } from "./error-summary";
import type { Problems } from "./form-problems";

/**
 * The top of a form after a failed submit: the error summary of its fields' problems, and the
 * message of a failure no field explains under `failureTitle` (e.g. "The milestone was not added").
 * Takes `useFormProblems` / `useFormSubmit`'s state as it is.
 */
export function FormAlerts({
  form: { problems, attempt, failure },
  failureTitle,
}: {
  form: { problems: Problems; attempt: number; failure: string | null };
  failureTitle: string;
}) {
  return (
    <>
      <ErrorSummary items={problems.summary} attempt={attempt} />
      {failure && <Alert title={failureTitle}>{failure}</Alert>}
    </>
  );
}

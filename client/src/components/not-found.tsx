import { useTitle } from "../lib/use-title";

interface NotFoundProps {
  /** What was looked for, e.g. "Challenge". */
  what?: string;
  message?: string;
}

/** The friendly 404: says what is missing and where to go instead. */
export function NotFoundMessage({ what = "Page", message }: NotFoundProps) {
  useTitle(`${what} not found`);
  return (
    <div class="page narrow">
      <h1>{what} not found</h1>
      <p>{message ?? "The address may be mistyped, or what it pointed to has moved or is not visible to you."}</p>
      <p>
        <a href="/">Go to the marketplace</a> or <a href="/people">find people</a>.
      </p>
    </div>
  );
}

import { useEffect, useState } from "preact/hooks";
import { Alert, Loading } from "../../../components/alert";
import type { Org } from "../../../lib/types";
import type { Loaded } from "../../../lib/use-resource";

/** A success notice that clears itself after a while, as the other admin sections do. */
export function useNotice() {
  const [done, setDone] = useState("");
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(""), 8000);
    return () => clearTimeout(timer);
  }, [done]);
  return [done, setDone] as const;
}

export interface OrgSectionProps {
  org: Loaded<Org>;
  onRetry: () => void;
  /** The organisation after a change this section made. */
  onChanged: (org: Org) => void;
}

export function OrgLoading({ org, onRetry }: Pick<OrgSectionProps, "org" | "onRetry">) {
  if (org.status === "loading") return <Loading label="Loading the organisation…" />;
  if (org.status === "error")
    return (
      <Alert title="The organisation could not be loaded" onRetry={onRetry}>
        {org.message}
      </Alert>
    );
  return null;
}

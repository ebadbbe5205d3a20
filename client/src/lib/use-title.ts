import { useEffect } from "preact/hooks";

/** Sets the document title to "<page> · Crux" while the page is shown. */
export function useTitle(page: string | undefined) {
  useEffect(() => {
    document.title = page ? `${page} · Crux` : "Crux";
  }, [page]);
}

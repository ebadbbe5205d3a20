import { useEffect, useRef, useState } from "preact/hooks";
import { type FormState, sameContent } from "./state";

export interface SavedDraft {
  savedAt: string;
  state: FormState;
}

function readDraft(key: string): SavedDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const saved = JSON.parse(raw) as SavedDraft;
    return saved?.state && Array.isArray(saved.state.kpis) && Array.isArray(saved.state.slots) ? saved : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, state: FormState | null) {
  try {
    if (state) localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), state }));
    else localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the form still works, it just is not kept across visits.
  }
}

/**
 * The form's content, kept on this device as it is typed (so nothing is lost to a closed tab or a
 * failed save) and restored on the next visit when it differs from `initial`.
 */
export function useKeptDraft(storageKey: string, initial: FormState) {
  const restored = useRef<SavedDraft | null>(null);
  const [state, setState] = useState<FormState>(() => {
    const saved = readDraft(storageKey);
    if (saved && !sameContent(saved.state, initial)) {
      restored.current = saved;
      return saved.state;
    }
    return initial;
  });
  const [showRestored, setShowRestored] = useState(restored.current !== null);

  useEffect(() => {
    const timer = setTimeout(() => {
      const pristine = sameContent(state, initial);
      writeDraft(storageKey, pristine ? null : state);
    }, 250);
    return () => clearTimeout(timer);
  }, [state, storageKey]);

  return {
    state,
    setState,
    /** The kept draft that was restored, while its notice shows. */
    restored: showRestored ? restored.current : null,
    /** Goes back to `initial` and forgets the kept draft. */
    discard() {
      setState(initial);
      writeDraft(storageKey, null);
      setShowRestored(false);
    },
  };
}

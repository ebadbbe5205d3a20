import { useState } from "preact/hooks";
import { messageOf } from "./http";

export interface RunOptions<Tag> {
  /** Which of a component's actions this is (a button's decision, a row's id), while it runs. */
  tag?: Tag;
  /**
   * Handles the failure itself (a form's field messages, a message of its own); without it the
   * action's `error` becomes the message a person can act on (`messageOf`).
   */
  fail?: (err: unknown) => void;
  /**
   * The work ends by leaving (a route to the next page, a form that closes): stay busy after it
   * succeeds, so nothing is sent twice while the next page loads.
   */
  keepBusy?: boolean;
}

/**
 * A change a person starts with a button (save, decide, remove): whether it is under way, and why
 * the last attempt failed. `run` clears the error, marks the action busy until the work settles, and
 * answers whether it succeeded, so the caller can go on (close a dialog, move focus).
 */
export function useAction<Tag = true>() {
  const [pending, setPending] = useState<Tag | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(work: () => Promise<unknown>, { tag, fail, keepBusy }: RunOptions<Tag> = {}): Promise<boolean> {
    setPending(tag ?? (true as Tag));
    setError(null);
    try {
      await work();
      if (!keepBusy) setPending(null);
      return true;
    } catch (err) {
      setPending(null);
      if (fail) fail(err);
      else setError(messageOf(err));
      return false;
    }
  }

  return {
    /** True while any run is under way. */
    busy: pending !== null,
    /** The running action's tag, or null. */
    pending,
    error,
    run,
    /** Shows a message of the caller's own (a check before sending, or a `fail` handler's words). */
    setError,
  };
}

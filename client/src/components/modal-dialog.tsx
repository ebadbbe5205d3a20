import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import "./modal-dialog.css";

interface ModalDialogProps {
  open: boolean;
  /** The dialog closed (Escape, Cancel, or the page closed it). */
  onClose: () => void;
  title: string;
  /** While true (a request is on its way), Escape does not close the dialog. */
  busy?: boolean;
  /** Where focus goes when the control that opened the dialog is gone by the time it closes. */
  fallbackFocus?: () => HTMLElement | null;
  children: ComponentChildren;
}

/**
 * A native modal `<dialog>`: `showModal()` makes the rest of the page inert and moves focus into
 * it, Escape closes it, and focus goes back to what opened it. It is named by its heading. The
 * children exist only while it is open, so each opening starts fresh.
 */
export function ModalDialog({ open, onClose, title, busy = false, fallbackFocus, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  // Closed by the page going away: leave no modal behind.
  useEffect(() => () => ref.current?.close(), []);

  return (
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby={headingId}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onClose={() => {
        onClose();
        if (opener.current?.isConnected) opener.current.focus();
        else fallbackFocus?.()?.focus();
      }}
    >
      <h2 id={headingId} class="modal-title">
        {title}
      </h2>
      {open && children}
    </dialog>
  );
}

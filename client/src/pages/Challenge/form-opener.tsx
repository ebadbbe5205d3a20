import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/**
 * A form that stays closed until asked for: a button (`label`) that opens it, with its first
 * field focused, and a Close button under it that puts focus back on the opener.
 */
export function FormOpener({
  label,
  closeLabel = "Close the form",
  children,
}: {
  label: string;
  closeLabel?: string;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    if (open) box.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
    else opener.current?.focus();
  }, [open]);

  const toggle = (next: boolean) => {
    moved.current = true;
    setOpen(next);
  };

  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        class="button button-secondary form-opener"
        aria-expanded="false"
        onClick={() => toggle(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div ref={box} class="opened-form">
      {children}
      <button type="button" class="button button-link button-small" onClick={() => toggle(false)}>
        {closeLabel}
      </button>
    </div>
  );
}

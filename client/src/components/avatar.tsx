import "./avatar.css";

interface AvatarProps {
  name: string;
  url: string | null;
  size?: "small" | "large";
}

function initials(name: string) {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

/** A person's picture, or their initials; decorative because the name is always shown beside it. */
export function Avatar({ name, url, size = "small" }: AvatarProps) {
  if (url) return <img class={`avatar avatar-${size}`} src={url} alt="" referrerpolicy="no-referrer" />;
  return (
    <span class={`avatar avatar-${size} avatar-initials`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

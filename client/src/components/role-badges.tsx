import type { Role } from "../lib/types";
import { TagList } from "./tag-list";

const ROLE_LABELS: Record<Role, string> = {
  member: "Member",
  sponsor: "Sponsor",
  reviewer: "Reviewer",
  admin: "Admin",
};

/** Global roles beyond `member` (which everyone has). */
export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const shown = roles.filter((r) => r !== "member");
  if (!shown.length) return null;
  return (
    <TagList label="Roles">
      {shown.map((r) => (
        <li key={r} class="badge role">
          {ROLE_LABELS[r]}
        </li>
      ))}
    </TagList>
  );
}

export { ROLE_LABELS };

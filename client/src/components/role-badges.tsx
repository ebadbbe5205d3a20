import type { Role } from "../lib/types";

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
    <div>
      <span class="visually-hidden">Roles: </span>
      <ul class="tag-list">
        {shown.map((r) => (
          <li key={r} class="badge role">
            {ROLE_LABELS[r]}
          </li>
        ))}
      </ul>
    </div>
  );
}

export { ROLE_LABELS };

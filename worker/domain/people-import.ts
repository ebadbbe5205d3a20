/**
 * The admin CSV import of people (SPEC §2): parsing and every rule a row must meet. Pure, so the
 * whole file is judged before anything is written: one bad row and nothing is imported.
 */
import type { GlobalRole } from "./lifecycle";

export const IMPORT_COLUMNS = [
  "email",
  "name",
  "title",
  "discipline",
  "track",
  "level",
  "manager_email",
  "roles",
] as const;
export const MAX_IMPORT_ROWS = 5000;

const ROLES: readonly GlobalRole[] = ["member", "sponsor", "reviewer", "admin"];
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/**
 * RFC 4180 CSV records, each with its number as a spreadsheet shows it (1-based, blank lines
 * counted), so a reported row number is the row a person sees. Quoted fields may hold commas,
 * quotes ("") and line breaks.
 */
export function parseCsvRecords(text: string): { row: number; cells: string[] }[] {
  const records: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false;
  const endRecord = () => {
    cells.push(field);
    records.push({ row: records.length + 1, cells });
    cells = [];
    field = "";
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      cells.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else {
      field += ch;
    }
  }
  if (field !== "" || cells.length > 0) endRecord();
  return records.filter((r) => r.cells.some((cell) => cell.trim() !== ""));
}

/** The non-blank CSV records' cells. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((r) => r.cells);
}

export interface ImportPerson {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  email: string;
  name: string;
  title: string;
  discipline: string | null;
  track: "ic" | "management";
  level: string | null;
  managerEmail: string | null;
  roles: GlobalRole[];
}

export interface RowProblem {
  row: number;
  email?: string;
  reasons: string[];
}

export interface ImportReference {
  disciplines: ReadonlySet<string>;
  /** Level id → its track. */
  levels: ReadonlyMap<string, "ic" | "management">;
  /** Every existing person's e-mail → their manager's e-mail (or null). */
  existing: ReadonlyMap<string, string | null>;
  /** The admin importing: their own row may not take away their admin role. */
  importerEmail?: string;
}

export type ImportCheck =
  | { ok: true; people: ImportPerson[] }
  | { ok: false; headerProblem?: string; problems: RowProblem[] };

export function checkImport(text: string, ref: ImportReference): ImportCheck {
  const rows = parseCsvRecords(text);
  const header = rows[0]?.cells.map((h) => h.trim().toLowerCase());
  if (!header) return { ok: false, headerProblem: "The file is empty.", problems: [] };
  const missing = IMPORT_COLUMNS.filter((col) => !header.includes(col));
  if (missing.length) {
    return {
      ok: false,
      headerProblem: `The header row lacks ${missing.join(", ")}; it must name ${IMPORT_COLUMNS.join(",")}.`,
      problems: [],
    };
  }
  if (rows.length - 1 > MAX_IMPORT_ROWS) {
    return { ok: false, headerProblem: `At most ${MAX_IMPORT_ROWS} people per import.`, problems: [] };
  }
  const col = Object.fromEntries(IMPORT_COLUMNS.map((name) => [name, header.indexOf(name)])) as Record<
    (typeof IMPORT_COLUMNS)[number],
    number
  >;

  const people: ImportPerson[] = [];
  const problems: RowProblem[] = [];
  const firstRowOf = new Map<string, number>();

  for (const { row, cells } of rows.slice(1)) {
    const get = (name: (typeof IMPORT_COLUMNS)[number]) => (cells[col[name]] ?? "").trim();
    const reasons: string[] = [];
    if (cells.length > header.length) reasons.push(`has ${cells.length} fields; the header has ${header.length}`);

    const email = get("email").toLowerCase();
    if (!EMAIL.test(email)) reasons.push(email ? `"${email}" is not an e-mail address` : "email is empty");
    else if (firstRowOf.has(email)) reasons.push(`${email} already appears on row ${firstRowOf.get(email)}`);
    else firstRowOf.set(email, row);

    const name = get("name");
    if (!name) reasons.push("name is empty");
    else if (name.length > 100) reasons.push("name is longer than 100 characters");
    const title = get("title");
    if (title.length > 120) reasons.push("title is longer than 120 characters");

    const discipline = get("discipline").toLowerCase() || null;
    if (discipline && !ref.disciplines.has(discipline)) reasons.push(`discipline "${discipline}" is not in the list`);

    const trackText = get("track").toLowerCase() || "ic";
    const track = trackText === "ic" || trackText === "management" ? trackText : null;
    if (!track) reasons.push(`track "${trackText}" must be ic or management`);

    const level = get("level").toUpperCase() || null;
    if (level) {
      const levelTrack = ref.levels.get(level);
      if (!levelTrack) reasons.push(`level "${level}" is not in the career framework`);
      else if (track && levelTrack !== track)
        reasons.push(`level ${level} is on the ${levelTrack} track, not ${track}`);
    }

    const managerEmail = get("manager_email").toLowerCase() || null;
    if (managerEmail && managerEmail === email) reasons.push("a person cannot be their own manager");

    const roles: GlobalRole[] = ["member"];
    for (const role of get("roles")
      .toLowerCase()
      .split(/[;|\s]+/)
      .filter(Boolean)) {
      if (!ROLES.includes(role as GlobalRole)) reasons.push(`role "${role}" must be one of ${ROLES.join(", ")}`);
      else if (!roles.includes(role as GlobalRole)) roles.push(role as GlobalRole);
    }

    if (email === ref.importerEmail && !roles.includes("admin")) {
      reasons.push("this is you: an import cannot take away your own admin role");
    }

    if (reasons.length) problems.push({ row, ...(email ? { email } : {}), reasons });
    else people.push({ row, email, name, title, discipline, track: track ?? "ic", level, managerEmail, roles });
  }

  // Managers must exist, in the file or already; and reporting lines must not loop.
  const managerOf = new Map(ref.existing);
  for (const p of people) managerOf.set(p.email, p.managerEmail);
  for (const p of people) {
    const reasons: string[] = [];
    if (p.managerEmail && !managerOf.has(p.managerEmail) && !firstRowOf.has(p.managerEmail)) {
      reasons.push(`manager ${p.managerEmail} is neither in the file nor already in Crux`);
    } else if (p.managerEmail && reportsTo(managerOf, p.managerEmail, p.email)) {
      reasons.push(`manager ${p.managerEmail} reports to ${p.email}, which would make a loop`);
    }
    if (reasons.length) problems.push({ row: p.row, email: p.email, reasons });
  }
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    return { ok: false, problems };
  }
  return { ok: true, people };
}

/** Does `from`'s chain of managers reach `target`? Bounded, so a loop already present ends it. */
function reportsTo(managerOf: ReadonlyMap<string, string | null>, from: string, target: string) {
  let current: string | null | undefined = from;
  for (let steps = 0; current && steps <= managerOf.size; steps++) {
    if (current === target) return true;
    current = managerOf.get(current);
  }
  return false;
}

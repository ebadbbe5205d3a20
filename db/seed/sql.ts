/**
 * SQL text for seeding. Every value goes through `sqlLiteral`, so no text reaches a statement
 * unescaped; identifiers are our own constants and are checked rather than quoted.
 */

export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, SqlValue>;

/** D1 refuses statements over 100 KB; stay well under it. */
const MAX_STATEMENT_BYTES = 60_000;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const utf8 = new TextEncoder();

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
  return name;
}

/** A SQLite literal: strings single-quoted with quotes doubled, booleans as 0/1. */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes("\0")) throw new Error("Strings with NUL characters cannot be seeded.");
  return `'${value.replaceAll("'", "''")}'`;
}

/** Multi-row INSERTs for `rows` (all with the same columns), split to keep each statement small. */
export function insertRows(table: string, rows: readonly SqlRow[]): string[] {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const head = `INSERT INTO ${identifier(table)} (${columns.map(identifier).join(", ")}) VALUES\n`;
  const statements: string[] = [];
  let tuples: string[] = [];
  let size = utf8.encode(head).length;
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i])) {
      throw new Error(`Rows for ${table} must all have the columns ${columns.join(", ")}.`);
    }
    const tuple = `(${columns.map((c) => sqlLiteral(row[c])).join(", ")})`;
    const tupleBytes = utf8.encode(tuple).length + 2;
    if (tuples.length > 0 && size + tupleBytes > MAX_STATEMENT_BYTES) {
      statements.push(head + tuples.join(",\n"));
      tuples = [];
      size = utf8.encode(head).length;
    }
    tuples.push(tuple);
    size += tupleBytes;
  }
  statements.push(head + tuples.join(",\n"));
  return statements;
}

/** `UPDATE table SET … WHERE id = …` for one row. */
export function updateById(table: string, id: string, values: SqlRow): string {
  const sets = Object.entries(values).map(([column, value]) => `${identifier(column)} = ${sqlLiteral(value)}`);
  return `UPDATE ${identifier(table)} SET ${sets.join(", ")} WHERE id = ${sqlLiteral(id)}`;
}

/**
 * The seed's history is not news: its rows wrote outbox rows by trigger (SPEC §15), and none of
 * them should reach e-mail, Slack or a webhook. Run after loading; only what happens next goes out.
 */
export const SETTLE_SEEDED_OUTBOX = `UPDATE outbox SET enqueued_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
  fanned_out_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE fanned_out_at IS NULL`;

/**
 * CSV as RFC 4180 reads it, and as SPEC §14 asks: fields joined by commas, rows by CRLF. A field
 * holding a comma, semicolon (the delimiter where the decimal mark is a comma), quote, CR, LF or
 * tab is quoted, with its quotes doubled. A text that a spreadsheet would run as a formula (it
 * starts with =, +, -, @, tab or CR) gets a leading apostrophe (OWASP's advice); numbers are
 * numbers, never formulas, and stay as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The file: a header row, then the rows; `;` as the delimiter suits locales whose decimal mark is a comma. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  delimiter: "," | ";" = ",",
): string {
  return [header, ...rows]
    .map((row) => row.map(csvField).join(delimiter))
    .join("\r\n")
    .concat("\r\n");
}

/**
 * CSV as RFC 4180 reads it: fields joined by commas, rows by CRLF; a field with a comma, quote,
 * CR or LF is quoted, with its quotes doubled. A field that a spreadsheet would run as a formula
 * (it starts with =, +, - or @ and is not a number) gets a leading apostrophe (OWASP's advice).
 */
export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(csvField).join(","))
    .join("\r\n")
    .concat("\r\n");
}

/** Hands the CSV to the browser as a download named `fileName`. */
export function downloadCsv(fileName: string, csv: string) {
  // The byte-order mark tells spreadsheet apps the file is UTF-8.
  const url = URL.createObjectURL(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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

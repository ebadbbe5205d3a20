import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../client/src/lib/csv";
import { safeNext } from "../client/src/lib/safe-next";

const parse = (csv: string, delimiter: string) =>
  Papa.parse<string[]>(csv, { delimiter, newline: "\r\n", skipEmptyLines: true }).data;

describe("CSV the app writes (SPEC §14)", () => {
  const awkward = [
    "plain",
    "comma, inside",
    "semi; colon",
    'a "quoted" word',
    "line\nbreak",
    "carriage\rreturn",
    "tab\tinside",
    '=HYPERLINK("http://evil.example")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tstarts with a tab",
    "\rstarts with CR",
    "ünïcødé ✓",
    "",
  ];

  it.each([",", ";"] as const)(
    "round-trips every awkward cell through papaparse with %s as the delimiter",
    (delimiter) => {
      const rows = awkward.map((cell, i) => [cell, i, null]);
      const parsed = parse(toCsv(["text", "n", "empty"], rows, delimiter), delimiter);
      expect(parsed[0]).toEqual(["text", "n", "empty"]);
      parsed.slice(1).forEach((row, i) => {
        const expected = /^[=+\-@\t\r]/.test(awkward[i]) ? `'${awkward[i]}` : awkward[i];
        expect(row).toEqual([expected, String(i), ""]);
      });
    },
  );

  it("neutralises every text a spreadsheet would run as a formula, and leaves numbers alone", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvField(`${start}cmd`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvField(-5)).toBe("-5");
    expect(csvField(12.5)).toBe("12.5");
  });

  it('quotes any cell holding , ; " CR LF or tab', () => {
    for (const ch of [",", ";", '"', "\r", "\n", "\t"]) expect(csvField(`a${ch}b`)).toMatch(/^".*"$/s);
    expect(csvField("ab")).toBe("ab");
  });

  it("round-trips any text (fast-check) with either delimiter", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(",", ";"),
        (rows, delimiter) => {
          const width = rows[0].length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "x"));
          const parsed = Papa.parse<string[]>(
            toCsv(
              table[0].map((_, i) => `c${i}`),
              table,
              delimiter as "," | ";",
            ),
            {
              delimiter,
              newline: "\r\n",
            },
          ).data.filter((r) => !(r.length === 1 && r[0] === ""));
          const expected = table.map((r) => r.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
          expect(parsed.slice(1)).toEqual(expected);
        },
      ),
    );
  });
});

describe("safeNext: where sign-in returns to (SPEC §12)", () => {
  const origin = "https://crux.example.com";
  it.each([
    ["/challenges/ch_1", "/challenges/ch_1"],
    ["/people/p_1?tab=credit#kudos", "/people/p_1?tab=credit#kudos"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["//evil.example", "/"],
    ["///evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["https://evil.example/", "/"],
    ["http://crux.example.com/", "/"],
    ["javascript:alert(1)", "/"],
    ["evil.example", "/"],
    ["/sign-in?next=/x", "/"],
    [undefined, "/"],
    ["", "/"],
  ])("%j goes to %j", (next, expected) => {
    expect(safeNext(next, origin)).toBe(expected);
  });
});

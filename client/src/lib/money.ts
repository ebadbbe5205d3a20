/**
 * Money is integer minor units (cents) everywhere (SPEC §1.5). These helpers turn it into text and
 * back by string arithmetic only, so no amount ever passes through a float.
 */

const MINOR_DIGITS = 2;

/** "2500050" minor units → "25000.50": splits the digits instead of dividing. */
export function minorToMajorString(minor: number): string {
  const negative = minor < 0;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(MINOR_DIGITS + 1, "0");
  const major = digits.slice(0, -MINOR_DIGITS);
  const cents = digits.slice(-MINOR_DIGITS);
  return `${negative ? "-" : ""}${major}.${cents}`;
}

/** Formats minor units in the currency, e.g. 2500000 USD → "$25,000.00". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const text = minorToMajorString(minor);
  try {
    // Intl formats decimal strings exactly (no float on the way).
    const format = new Intl.NumberFormat(locale, { style: "currency", currency }) as Intl.NumberFormat & {
      format(value: string): string;
    };
    return format.format(text as unknown as number);
  } catch {
    return `${text} ${currency}`;
  }
}

export type ParsedMoney = { ok: true; minor: number | null } | { ok: false; message: string };

/** Largest ask the API accepts (100 billion in major units). */
const MAX_MINOR = 10_000_000_000_000;

/**
 * Parses a major-unit amount typed by a person ("25000", "25,000.5", "25000.50") into integer minor
 * units by string parsing: "25000.5" → 2500050. Empty means no amount (null).
 */
export function parseMajorToMinor(input: string): ParsedMoney {
  const text = input.trim().replace(/[\s,_]/g, "");
  if (text === "") return { ok: true, minor: null };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) {
    if (text.startsWith("-")) return { ok: false, message: "The amount cannot be negative." };
    return { ok: false, message: "Enter an amount such as 25000.00, digits and one decimal point only." };
  }
  const [, whole, fraction = ""] = match;
  if (fraction.length > MINOR_DIGITS) {
    return { ok: false, message: `Use at most ${MINOR_DIGITS} decimal places.` };
  }
  const digits = `${whole}${fraction.padEnd(MINOR_DIGITS, "0")}`.replace(/^0+(?=\d)/, "");
  if (digits.length > String(MAX_MINOR).length || Number(digits) > MAX_MINOR) {
    return { ok: false, message: "That amount is larger than any budget." };
  }
  return { ok: true, minor: Number(digits) };
}

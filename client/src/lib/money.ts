/**
 * Money is integer minor units (cents) everywhere (SPEC §1.5). These helpers turn it into text and
 * back by string arithmetic only, so no amount ever passes through a float.
 */

/** Largest amount the API accepts (100 billion in major units). */
const MAX_MINOR = 10_000_000_000_000;

const digitsCache = new Map<string, number>();

/** How many minor digits the currency has: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency = "USD"): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** "2500050" minor units → "25000.50": splits the digits instead of dividing. */
export function minorToMajorString(minor: number, currency?: string): string {
  const places = currencyDigits(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(places + 1, "0");
  const sign = negative ? "-" : "";
  if (places === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

type StringFormat = Intl.NumberFormat & { format(value: string): string };
const formatCache = new Map<string, StringFormat | null>();

function currencyFormat(currency: string, locale?: string): StringFormat | null {
  const cacheKey = `${locale ?? ""}|${currency}`;
  if (!formatCache.has(cacheKey)) {
    try {
      formatCache.set(cacheKey, new Intl.NumberFormat(locale, { style: "currency", currency }) as StringFormat);
    } catch {
      formatCache.set(cacheKey, null);
    }
  }
  return formatCache.get(cacheKey) ?? null;
}

/** Formats minor units in the currency, e.g. 2500000 USD → "$25,000.00". */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const text = minorToMajorString(minor, currency);
  // Intl formats a decimal string exactly (no float on the way).
  const format = currencyFormat(currency, locale);
  return format ? format.format(text) : `${text} ${currency}`;
}

export type ParsedMoney = { ok: true; minor: number | null } | { ok: false; message: string };

export interface ParseOptions {
  /** The currency, for how many decimal places it allows (default USD: 2). */
  currency?: string;
  /** An allocation may take money away: "-500". */
  allowNegative?: boolean;
  /** Empty input is a problem rather than "no amount". */
  required?: boolean;
}

/** The symbol people may type before the number ("$", "€"), which is not part of it. */
function currencySymbol(currency: string): string | null {
  const parts = currencyFormat(currency, "en")?.formatToParts?.(0);
  return parts?.find((p) => p.type === "currency")?.value ?? null;
}

/**
 * Parses a major-unit amount typed by a person ("25000", "25,000.5", "$25,000.50") into integer
 * minor units by string handling: "25000.5" → 2500050. Commas group thousands; a point marks the
 * decimals. Empty means no amount (null) unless `required`.
 */
export function parseMajorToMinor(input: string, options: ParseOptions = {}): ParsedMoney {
  const { currency = "USD", allowNegative = false, required = false } = options;
  const places = currencyDigits(currency);
  let text = input.trim().replace(/[\s_\u00a0\u202f]/g, "");
  let negative = false;
  if (text.startsWith("-") || text.startsWith("\u2212")) {
    negative = true;
    text = text.slice(1);
  }
  const symbol = currencySymbol(currency);
  if (symbol && text.startsWith(symbol)) text = text.slice(symbol.length);
  else if (text.toUpperCase().startsWith(currency.toUpperCase())) text = text.slice(currency.length);
  if (!negative && text.startsWith("-")) {
    negative = true;
    text = text.slice(1);
  }

  if (text === "") {
    if (negative) return { ok: false, message: "Enter digits after the minus sign." };
    return required ? { ok: false, message: "Enter an amount." } : { ok: true, minor: null };
  }
  if (negative && !allowNegative) return { ok: false, message: "The amount cannot be negative." };

  const example = places === 0 ? "25000" : `25000.${"0".repeat(places)}`;
  const match = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === "" && !match[2])) {
    if (/^\d+(,\d+)+$/.test(text) || /^\d+,\d{1,2}$/.test(text)) {
      return { ok: false, message: "Use a point for decimals and commas only between thousands, e.g. 25,000.50." };
    }
    return { ok: false, message: `Enter an amount such as ${example}: digits and one decimal point only.` };
  }
  const whole = match[1].replace(/,/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > places) {
    return {
      ok: false,
      message:
        places === 0
          ? `${currency} has no smaller unit; enter a whole amount.`
          : `Use at most ${places} decimal places.`,
    };
  }
  const digits = `${whole}${fraction.padEnd(places, "0")}`.replace(/^0+(?=\d)/, "");
  if (digits.length > String(MAX_MINOR).length || Number(digits) > MAX_MINOR) {
    return { ok: false, message: "That amount is larger than any budget." };
  }
  const minor = Number(digits);
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

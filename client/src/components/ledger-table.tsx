import { absoluteTime, formatDate } from "../lib/format";
import { describeEntry, type LedgerView, signedAmount } from "../lib/ledger-words";
import { formatMoney } from "../lib/money";
import type { LedgerEntry } from "../lib/types";

/** "+$5.00" for money in, "-$5.00" for money out of the ledger being read. */
export function formatSigned(minor: number, currency: string): string {
  return minor > 0 ? `+${formatMoney(minor, currency)}` : formatMoney(minor, currency);
}

/** The API lists entries oldest first; equal times keep their order, reversed. */
function newestFirst(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return [...entries].reverse().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

interface LedgerTableProps {
  entries: readonly LedgerEntry[];
  view: LedgerView;
  currency: string;
  caption: string;
}

/** Every movement of money, newest first: when, what happened in words, and the amount. */
export function LedgerTable({ entries, view, currency, caption }: LedgerTableProps) {
  return (
    <div class="table-wrap">
      <table class="table stackable ledger-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What happened</th>
            <th scope="col" class="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst(entries).map((entry) => (
            <tr key={entry.id}>
              <td data-label="Date">
                <time dateTime={entry.createdAt} title={absoluteTime(entry.createdAt)}>
                  {formatDate(entry.createdAt)}
                </time>
              </td>
              <td data-label="What happened">
                <EntryWords entry={entry} view={view} />
              </td>
              <td class="num" data-label="Amount">
                {formatSigned(signedAmount(entry, view), currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The entry in words; in a budget's ledger, the challenge it names is a link to it (an entry that
 * does not name it in words, such as spend, gets the link after them).
 */
function EntryWords({ entry, view }: { entry: LedgerEntry; view: LedgerView }) {
  const words = describeEntry(entry, view);
  if (view.of !== "budget" || !entry.challengeId || !entry.challengeTitle) return <>{words}</>;
  const quoted = `“${entry.challengeTitle}”`;
  const link = <a href={`/challenges/${entry.challengeId}`}>{quoted}</a>;
  const at = words.indexOf(quoted);
  if (at < 0) {
    return (
      <>
        {words} (on {link})
      </>
    );
  }
  return (
    <>
      {words.slice(0, at)}
      {link}
      {words.slice(at + quoted.length)}
    </>
  );
}

const STATUS_WORDS = {
  active: "Active",
  withdrawn: "Withdrawn",
  settled: "Settled",
  pending: "Pending",
  approved: "Approved",
  declined: "Declined",
} as const;

/** A pledge's or spend report's status as a badge; the word carries the meaning. */
export function StatusBadge({ status }: { status: keyof typeof STATUS_WORDS }) {
  return <span class={`badge status-${status}`}>{STATUS_WORDS[status]}</span>;
}

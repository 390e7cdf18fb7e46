/**
 * The words a ticket is found by, and the words of a search: one tokenizer for both, so a query's
 * tokens are exactly what the index holds. Text is NFKC-normalised (full-width digits and letters become
 * ASCII) and lower-cased; Chinese runs become character bigrams (a lone character is no token: it would match half the property),
 * Latin/digit runs become words of two characters or more, and a code with hyphens ("3-1502",
 * "shja-bx-20261201-007") is a token whole as well as its parts. See docs/decisions/017-ticket-search.md.
 */

/** Han characters (CJK unified ideographs and extension A) and the compatibility block. */
const han = /\p{Script=Han}/u;
const chunk = /[\p{Script=Han}]+|[a-z0-9]+(?:-[a-z0-9]+)*/gu;

/** Longer Latin runs (a pasted link, a serial) are not words anyone types into a search box. */
const maxTokenLength = 40;

export function tokensOf(text: string): string[] {
  const out = new Set<string>();
  for (const [run] of text.normalize('NFKC').toLowerCase().matchAll(chunk)) {
    if (han.test(run)) {
      for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
      continue;
    }
    const parts = run.split('-');
    if (parts.length > 1 && run.length <= maxTokenLength) out.add(run);
    for (const part of parts) if (part.length >= 2 && part.length <= maxTokenLength) out.add(part);
  }
  return [...out];
}

/** What a search reads first: the longest token is usually the rarest (a whole number, a room, a phone). */
export const drivingToken = (tokens: string[]) =>
  tokens.reduce((best, t) => (t.length > best.length ? t : best), tokens[0] ?? '');

/** Index-only tokens (never produced by `tokensOf`): every ticket, and every ticket of a kind, newest first. */
export const allTicketsToken = '@all';
export const kindToken = (kind: string) => `@kind:${kind}`;

/**
 * Token items a ticket may write in its creation transaction (DynamoDB allows 100 writes in one; the
 * contact, ticket, timeline, counters, photos and audit take the rest). Number, room, phone and name
 * come first; the summary's words fill what is left, in the order they were typed.
 */
export const searchTokenBudget = 50;

export interface SearchableTicket {
  kind: string;
  number: string;
  roomCode?: string | undefined;
  callerName?: string | undefined;
  phone?: string | undefined;
  summary?: string | undefined;
}

export function ticketTokens(t: SearchableTicket): string[] {
  const phoneDigits = (t.phone ?? '').normalize('NFKC').replace(/\D/g, '');
  const tokens = new Set<string>([allTicketsToken, kindToken(t.kind)]);
  const ordered = [
    ...tokensOf(t.number),
    ...tokensOf(t.roomCode ?? ''),
    ...(phoneDigits.length >= 4 ? [phoneDigits.slice(-4)] : []),
    ...tokensOf(t.callerName ?? ''),
    ...tokensOf(t.summary ?? ''),
  ];
  for (const token of ordered) {
    if (tokens.size >= searchTokenBudget) break;
    tokens.add(token);
  }
  return [...tokens];
}

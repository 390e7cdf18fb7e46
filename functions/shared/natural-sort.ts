/**
 * Room and building numbers in the order people read them: 3-201 before 3-1502, P-101 before P-1001.
 * `naturalKey` pads every run of digits to a fixed width, so plain string order (a DynamoDB sort key,
 * `<`) is the natural order; `naturalCompare` compares two texts by their keys. Zod-free: the
 * dashboard sorts with the same function.
 */

/** Wider than any number a room or building code holds (room numbers are at most 10 characters). */
const width = 10;

export const naturalKey = (text: string): string =>
  text.toUpperCase().replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(width, '0'));

export const naturalCompare = (a: string, b: string): number => {
  const x = naturalKey(a);
  const y = naturalKey(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

/** Full-width digits and letters (１５０２, Ａ) as the ASCII a clerk meant; NFKC also folds the rest. */
export const asciiDigits = (text: string): string => text.normalize('NFKC');

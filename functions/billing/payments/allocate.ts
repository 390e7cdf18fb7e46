/**
 * How a payment is spread over a household's open requests (001 §7.3; docs/billing.md "Payments and
 * receipts"): every principal line before any late fee (滞纳金), and within each, the oldest request
 * first and a request's lines in their printed order. A request takes no more than its balance (its
 * credit applied at issue is part of what it no longer owes). What is left over is credit.
 */
import type { PaymentRequest, RequestLine, RequestState } from '../records.ts';
import type { PaymentAllocation } from './records.ts';

export interface Spread {
  allocations: PaymentAllocation[];
  creditCents: number;
}

const isLateFee = (line: RequestLine) => line.kind === 'late_fee';

export function allocate(requests: PaymentRequest[], amountCents: number): Spread {
  const oldestFirst = [...requests].sort((a, b) => a.period.localeCompare(b.period));
  const room = new Map(oldestFirst.map((r) => [r.id, r.balanceCents]));
  const allocations: PaymentAllocation[] = [];
  let left = amountCents;
  for (const lateFee of [false, true]) {
    for (const request of oldestFirst) {
      for (const line of request.lines) {
        if (left === 0 || isLateFee(line) !== lateFee) continue;
        const cents = Math.min(left, line.amountCents - line.paidCents, room.get(request.id) ?? 0);
        if (cents <= 0) continue;
        allocations.push({
          period: request.period,
          lineId: line.id,
          requestId: request.id,
          name: line.name,
          lateFee,
          cents,
        });
        room.set(request.id, (room.get(request.id) ?? 0) - cents);
        left -= cents;
      }
    }
  }
  return { allocations, creditCents: left };
}

const stateOf = (balanceCents: number, paidCents: number): RequestState =>
  balanceCents === 0 ? 'paid' : paidCents > 0 ? 'partially_paid' : 'issued';

/**
 * The request after `sign` × its allocations (+1 a payment, −1 its void or refund), and what moves in
 * its month's figures: received, and a household paid in full (or no longer).
 */
export function applyTo(request: PaymentRequest, allocations: PaymentAllocation[], sign: 1 | -1) {
  const mine = allocations.filter((a) => a.requestId === request.id);
  const moved = new Map<string, number>();
  for (const a of mine) moved.set(a.lineId, (moved.get(a.lineId) ?? 0) + a.cents);
  const cents = mine.reduce((sum, a) => sum + a.cents, 0) * sign;
  const paidCents = request.paidCents + cents;
  const balanceCents = request.balanceCents - cents;
  const next: PaymentRequest = {
    ...request,
    lines: request.lines.map((line) => ({
      ...line,
      paidCents: line.paidCents + sign * (moved.get(line.id) ?? 0),
    })),
    paidCents,
    balanceCents,
    state: stateOf(balanceCents, paidCents),
    version: request.version + 1,
  };
  const householdsPaid = Number(balanceCents === 0) - Number(request.balanceCents === 0);
  return { next, receivedCents: cents, householdsPaid };
}

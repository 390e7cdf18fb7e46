import { beforeAll, describe, expect, it } from 'vitest';
import { deliverForProperty } from '../../functions/billing/delivery/notices.ts';
import type { MonthFiguresDelta, PaymentRequest } from '../../functions/billing/records.ts';
import { billPeriod } from '../../functions/billing/run/run.ts';
import { enterMeterReading } from '../../functions/billing/standards/meters.ts';
import { createFeeStandard } from '../../functions/billing/standards/service.ts';
import { updateProperty } from '../../functions/directory/properties.ts';
import type { Property } from '../../functions/directory/records.ts';
import { runJob } from '../../functions/jobs/run.ts';
import { asSystemOf } from '../../functions/shared/actor.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys, billingSkPrefix, keys } from '../../functions/shared/table.ts';
import { asSystem, call } from '../support/api.ts';
import { loadHouseholds } from '../support/billing-run.ts';
import { failCalls, seededRandom } from '../support/faults.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** The monthly bill run: one request per household and period, whoever runs it, however often. */

const period = '2026-12';

async function requestsOf(w: PropertyWorld, month = period): Promise<PaymentRequest[]> {
  return asSystem(async () => {
    const store = propertyStore(w.property.id);
    const found: PaymentRequest[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query<PaymentRequest>({
        partition: keys.property(w.property.id).pk,
        beginsWith: billingSkPrefix.requestsOfPeriod(month),
        limit: 500,
        cursor,
        consistent: true,
      });
      found.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return found;
  });
}

const figuresOf = (w: PropertyWorld, month = period) =>
  asSystem(() =>
    propertyStore(w.property.id).get<Required<MonthFiguresDelta>>(
      billingKeys.monthFigures(w.property.id, month),
      {
        consistent: true,
      },
    ),
  );

const bill = (w: PropertyWorld) =>
  asSystemOf(w.property.id, async () =>
    billPeriod(propertyStore(w.property.id), w.property, period, {
      by: '测试',
      deadline: Date.now() + 600_000,
    }),
  );

/** Exactly one request per household of `households`, and the figures are their sums. */
async function expectBilledOnce(w: PropertyWorld, households: number) {
  const requests = await requestsOf(w);
  expect(requests).toHaveLength(households);
  expect(new Set(requests.map((r) => r.householdId)).size).toBe(households);
  const figures = await figuresOf(w);
  expect(figures?.householdsBilled).toBe(households);
  expect(figures?.receivableCents).toBe(requests.reduce((a, r) => a + r.totalCents, 0));
  return requests;
}

/**
 * Exactly one notice per request: the delivery runs twice at once (a retry racing the first), then once
 * more, and every household of `requests` has one notice, of its request.
 */
async function expectNoticedOnce(w: PropertyWorld, requests: PaymentRequest[]) {
  const deliver = () =>
    asSystemOf(w.property.id, () => deliverForProperty(w.property.id, new Date('2026-12-15T02:00:00.000Z')));
  await Promise.all([deliver(), deliver()]);
  await deliver();
  const notices = await asSystem(async () => {
    const found: { householdId: string; requestId: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await propertyStore(w.property.id).query<{ householdId: string; requestId: string }>({
        partition: keys.property(w.property.id).pk,
        beginsWith: 'NOTICE#',
        limit: 500,
        cursor,
        consistent: true,
      });
      found.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return found;
  });
  expect(notices.map((n) => n.requestId).sort()).toEqual(requests.map((r) => r.id).sort());
}

async function withHouseholds(code: string, count: number, property: Partial<Property> = {}) {
  const w = await makeProperty(code);
  if (Object.keys(property).length)
    w.property = await asSystem(() =>
      updateProperty({ propertyId: w.property.id, changes: { version: w.property.version, ...property } }),
    );
  await asSystem(() => loadHouseholds(w, count, { vacantEvery: 7 }));
  return w;
}

describe('a property of 300 households billed by the schedule', () => {
  let w: PropertyWorld;
  let requests: PaymentRequest[];
  beforeAll(async () => {
    w = await withHouseholds('BR', 300);
    await asSystem(async () => {
      await createFeeStandard({
        propertyId: w.property.id,
        standard: {
          item: 'equipment',
          name: '公共电费分摊',
          effectiveFrom: '2026-12',
          rate: { amount: 61, scale: 0 },
          basis: 'shared_by_area',
          meter: 'E-common-1',
        },
      });
      await enterMeterReading({
        propertyId: w.property.id,
        reading: { meter: 'E-common-1', month: period, reading: 20_333, previousReading: 12_000 },
      });
    });
    await asSystem(() => runJob({ job: 'bill-run', scheduledAt: '2026-12-15T01:00:00.000Z' }));
    requests = await requestsOf(w);
  });

  it('finance: every household has exactly one request, and the month’s figures are their sum', async () => {
    await expectBilledOnce(w, 301);
    const run = await call<{ run: { state: string; done: number; total: number } }>(
      w.tokens.finance,
      'GET',
      `/api/billing/properties/${w.property.id}/bill-runs/${period}`,
    );
    expect(run.body.run).toMatchObject({ state: 'finished', done: 301, total: 301 });
  });

  it('finance: the shares of the common meter add up to its amount to the fen', () => {
    const shares = requests.flatMap((r) => r.lines.filter((l) => l.name === '公共电费分摊'));
    expect(shares).toHaveLength(301);
    // 8,333 kWh × ¥0.61 = ¥5,083.13
    expect(shares.reduce((a, l) => a + l.amountCents, 0)).toBe(508_313);
  });

  it('finance: a line says how it was computed; a vacant unit pays its share (100% by default) and the request is due the 20th', () => {
    const mine = requests.find((r) => r.householdId === w.household.id)!;
    expect(mine.dueDate).toBe('2026-12-20');
    expect(mine.lines.find((l) => l.name === '物业管理费')).toMatchObject({
      basisText: '89.50 m² × ¥2.35/m²',
      amountCents: 21033,
      periodFrom: '2026-12-01',
      periodTo: '2026-12-31',
    });
  });

  it('finance: a retry of the finished run bills nobody again and moves no figure', async () => {
    const before = await figuresOf(w);
    await asSystem(() => runJob({ job: 'bill-run', scheduledAt: '2026-12-15T01:15:00.000Z' }));
    await bill(w);
    await expectBilledOnce(w, 301);
    expect(await figuresOf(w)).toEqual(before);
  });
});

describe('idempotency under races and crashes', () => {
  it('finance: two runs at the same time give exactly one request and one notice per household', async () => {
    const w = await withHouseholds('BC', 80);
    await Promise.all([bill(w), bill(w)]);
    await expectNoticedOnce(w, await expectBilledOnce(w, 81));
  });

  it('finance: a crash at a random household, then a re-run, gives exactly one request and one notice per household', async () => {
    const w = await withHouseholds('BK', 80);
    const households = await asSystem(() =>
      propertyStore(w.property.id).query<{ id: string }>({
        partition: keys.property(w.property.id).pk,
        beginsWith: 'HOUSEHOLD#',
        limit: 500,
      }),
    );
    const random = seededRandom(9);
    const victim = households.items[Math.floor(random() * households.items.length)]!.id;
    const crash = failCalls(
      (c) =>
        c.command.startsWith('TransactWrite') && JSON.stringify(c.input).includes(`BILL#${period}#${victim}`),
      { times: 1 },
    );
    try {
      await expect(bill(w)).rejects.toThrow();
    } finally {
      crash.remove();
    }
    expect((await requestsOf(w)).some((r) => r.householdId === victim)).toBe(false);
    const run = await bill(w);
    expect(run).toMatchObject({ state: 'finished', done: 81, total: 81 });
    await expectNoticedOnce(w, await expectBilledOnce(w, 81));
  });
});

describe('each property billed on its own clock', () => {
  const runAt = (at: string) => asSystem(() => runJob({ job: 'bill-run', scheduledAt: at }));

  it('finance: at 2026-12-15 00:30 in Shanghai (16:30 UTC on the 14th) a property billing at 00:30 is billed', async () => {
    const w = await withHouseholds('TZ', 3, { billingTime: '00:30' });
    await runAt('2026-12-14T16:29:00.000Z');
    expect(await requestsOf(w)).toHaveLength(0);
    await runAt('2026-12-14T16:30:00.000Z');
    await expectBilledOnce(w, 4);
  });

  it('finance: a Berlin property is billed at 09:00 Berlin time, before and after the change to summer time', async () => {
    const w = await withHouseholds('TB', 3, { timeZone: 'Europe/Berlin' });
    // 2027-03-15 09:00 CET is 08:00 UTC; 2027-04-15 09:00 CEST is 07:00 UTC.
    await runAt('2027-03-15T07:59:00.000Z');
    expect(await requestsOf(w, '2027-03')).toHaveLength(0);
    await runAt('2027-03-15T08:00:00.000Z');
    expect(await requestsOf(w, '2027-03')).toHaveLength(4);
    await runAt('2027-04-15T06:59:00.000Z');
    expect(await requestsOf(w, '2027-04')).toHaveLength(0);
    await runAt('2027-04-15T07:00:00.000Z');
    expect(await requestsOf(w, '2027-04')).toHaveLength(4);
  });
});

describe('run now and the dry run', () => {
  it('finance: the dry run shows the totals and writes nothing; run now then bills exactly those', async () => {
    const w = await withHouseholds('BD', 10);
    const base = `/api/billing/properties/${w.property.id}/bill-runs/2026-11`;
    const dry = await call<{ requests: number; totalCents: number }>(
      w.tokens.finance,
      'POST',
      `${base}/dry-run`,
    );
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.requests).toBe(11);
    expect(await requestsOf(w, '2026-11')).toHaveLength(0);
    const now = await call<{ state: string; billedCents: number }>(w.tokens.finance, 'POST', `${base}/run`);
    expect(now.body).toMatchObject({ state: 'finished', billedCents: dry.body.totalCents });
    const list = await call<{ items: PaymentRequest[] }>(
      w.tokens.front_desk,
      'GET',
      `${base}/requests?householdId=${w.household.id}`,
    );
    expect(list.body.items).toHaveLength(1);
    const denied = await call(w.tokens.front_desk, 'POST', `${base}/run`);
    expect(denied.status).toBe(403);
  });
});

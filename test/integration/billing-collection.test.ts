import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lateFeeLine } from '../../functions/billing/collection/late-fee-line.ts';
import { collectForProperty } from '../../functions/billing/collection/open-tasks.ts';
import type { CollectionTask } from '../../functions/billing/collection/records.ts';
import { householdLinkToken } from '../../functions/billing/delivery/link.ts';
import { deliverForProperty, runBillingDelivery } from '../../functions/billing/delivery/notices.ts';
import type { HouseholdNotice } from '../../functions/billing/delivery/records.ts';
import { paymentRequestItem } from '../../functions/billing/items.ts';
import type { PaymentRequest } from '../../functions/billing/records.ts';
import { createHousehold } from '../../functions/directory/households.ts';
import { updateProperty } from '../../functions/directory/properties.ts';
import type { Household } from '../../functions/directory/records.ts';
import { domains } from '../../functions/domains.ts';
import { asSystemOf } from '../../functions/shared/actor.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys, billingSkPrefix, keys } from '../../functions/shared/table.ts';
import { allRoutes, app, asSystem, call } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** Delivery of payment requests, the reminder, collection tasks, visits, the arrears file and the household link. */
let w: PropertyWorld;
let neighbour: Household;

beforeAll(async () => {
  w = await makeProperty('BC');
  neighbour = await asSystem(() =>
    createHousehold({
      propertyId: w.property.id,
      household: {
        unitId: w.vacantUnit.id,
        kind: 'tenant',
        name: '李强',
        phone: '13700001111',
        moveInDate: null,
      },
    }),
  );
});

const base = () => `/api/billing/properties/${w.property.id}`;
const system = <T>(world: PropertyWorld, work: () => Promise<T>) => asSystemOf(world.property.id, work);
const deliver = (world: PropertyWorld, at: string) =>
  system(world, () => deliverForProperty(world.property.id, new Date(at)));
const collect = (world: PropertyWorld, at: string) =>
  system(world, () => collectForProperty(world.property.id, new Date(at)));

async function noticesOf(world: PropertyWorld, householdId: string) {
  const { items } = await system(world, () =>
    propertyStore(world.property.id).query<HouseholdNotice>({
      partition: keys.property(world.property.id).pk,
      beginsWith: billingSkPrefix.noticesOfHousehold(householdId),
      consistent: true,
    }),
  );
  return items;
}

/** What a payment does to the request, as the payments part writes it (same item builder). */
async function paidInFull(world: PropertyWorld, request: PaymentRequest) {
  const store = () => propertyStore(world.property.id);
  const current = (await system(world, () =>
    store().get<PaymentRequest>(
      billingKeys.paymentRequest(world.property.id, request.period, request.householdId),
    ),
  ))!;
  const paid = {
    ...current,
    paidCents: current.totalCents,
    balanceCents: 0,
    state: 'paid' as const,
    version: current.version + 1,
  };
  await system(world, () =>
    store().apply([{ put: paymentRequestItem(paid) }], {
      action: 'test.pay',
      entity: 'paymentRequest',
      entityId: paid.id,
    }),
  );
}

const lines = [{ name: '物业管理费（住宅）', amountCents: 26_283 }];

describe('delivery', () => {
  it('household: gets the notice of a new request exactly once, however often the job runs or retries', async () => {
    const world = await makeProperty('BD');
    const request = await issueTestRequest(world, '2026-10', lines, '2026-10-20');
    const at = '2026-10-15T01:05:00.000Z';
    // Two runs at once (a retry racing the first), then the schedule's next run, then the whole job.
    await Promise.all([deliver(world, at), deliver(world, at)]);
    await deliver(world, '2026-10-15T01:10:00.000Z');
    await runBillingDelivery({ job: 'billing-delivery', scheduledAt: '2026-10-15T01:15:00.000Z' });

    const notices = await noticesOf(world, world.household.id);
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'request',
        requestId: request.id,
        status: 'sent',
        to: '138****5678',
        provider: 'outbox',
      }),
    ]);
    expect(notices[0]!.text).toContain('¥262.83');
    expect(notices[0]!.text).toContain('10月20日');
    const stored = await system(world, () =>
      propertyStore(world.property.id).get<PaymentRequest & { queuePk?: string }>(
        billingKeys.paymentRequest(world.property.id, '2026-10', world.household.id),
      ),
    );
    expect(stored?.noticedAt).toBeTruthy();
    expect(stored?.queuePk).toBeUndefined();
    // The outbox (the local SMS channel) holds the one message too.
    const outbox = await call<{ items: { kind: string; title: string }[] }>(
      world.tokens.property_manager,
      'GET',
      `/api/notifications/properties/${world.property.id}/outbox`,
    );
    expect(outbox.body.items.filter((m) => m.kind === 'billing.notice')).toHaveLength(1);
  });

  it('household still owing: gets the reminder on the 18th (09:00 property time), a paid one does not, and nobody twice', async () => {
    const owing = await issueTestRequest(w, '2026-12', lines, '2026-12-20');
    const paid = await issueTestRequest(
      { ...w, household: neighbour, unit: w.vacantUnit },
      '2026-12',
      lines,
      '2026-12-20',
    );
    await deliver(w, '2026-12-15T01:05:00.000Z');
    await paidInFull(w, paid);

    await deliver(w, '2026-12-17T02:00:00.000Z'); // the 17th, 10:00 in Shanghai
    await deliver(w, '2026-12-18T00:59:00.000Z'); // the 18th, 08:59
    expect((await noticesOf(w, w.household.id)).map((n) => n.kind)).toEqual(['request']);

    await deliver(w, '2026-12-18T01:00:00.000Z'); // the 18th, 09:00
    await deliver(w, '2026-12-18T03:00:00.000Z');
    const reminders = (await noticesOf(w, w.household.id)).filter((n) => n.kind === 'reminder');
    expect(reminders).toEqual([expect.objectContaining({ requestId: owing.id, status: 'sent' })]);
    expect(reminders[0]!.text).toContain('12月20日');
    expect((await noticesOf(w, neighbour.id)).map((n) => n.kind)).toEqual(['request']);
  });
});

describe('collection tasks', () => {
  async function overdueIn(code: string, timeZone: string) {
    const world = await makeProperty(code);
    if (timeZone !== world.property.timeZone)
      await asSystem(() =>
        updateProperty({
          propertyId: world.property.id,
          changes: { version: world.property.version, timeZone },
        }),
      );
    await issueTestRequest(world, '2026-12', lines, '2026-12-20');
    return world;
  }
  const taskOf = (world: PropertyWorld) =>
    system(world, () =>
      propertyStore(world.property.id).get<CollectionTask>(
        billingKeys.collectionTask(world.property.id, '2026-12', world.household.id),
      ),
    );

  it('collector: an unpaid request becomes a task when the due day ends at midnight in Shanghai', async () => {
    const world = await overdueIn('BS', 'Asia/Shanghai');
    await collect(world, '2026-12-20T15:59:00.000Z'); // 23:59 on the 20th in Shanghai
    expect(await taskOf(world)).toBeUndefined();
    await collect(world, '2026-12-20T16:00:00.000Z'); // 00:00 on the 21st
    expect(await taskOf(world)).toMatchObject({
      state: 'open',
      dueDate: '2026-12-20',
      openedBalanceCents: 26_283,
    });
  });

  it('collector: the same due day ends seven hours later in Berlin, at its own midnight', async () => {
    const world = await overdueIn('BB', 'Europe/Berlin');
    await collect(world, '2026-12-20T16:00:00.000Z'); // 17:00 on the 20th in Berlin
    await collect(world, '2026-12-20T22:59:00.000Z'); // 23:59
    expect(await taskOf(world)).toBeUndefined();
    await collect(world, '2026-12-20T23:00:00.000Z'); // 00:00 on the 21st
    await collect(world, '2026-12-20T23:05:00.000Z'); // the next run opens nothing again
    expect(await taskOf(world)).toMatchObject({ state: 'open', visits: 0, version: 1 });
  });
});

describe('worklist, visits and reminders', () => {
  const period = '2026-09';
  const task = () => `${base()}/collection-tasks/${period}/${w.household.id}`;
  let request: PaymentRequest;

  beforeAll(async () => {
    request = await issueTestRequest(w, period, lines, '2026-09-20');
    await deliver(w, '2026-09-15T01:05:00.000Z');
    await collect(w, '2026-09-21T00:00:00.000Z');
  });

  it('collector on a round: sees the task on the building’s worklist with what is owed and a masked phone', async () => {
    const reply = await call<{
      items: (CollectionTask & { balanceCents: number; phone: string; buildingName: string })[];
    }>(w.tokens.front_desk, 'GET', `${base()}/collection-tasks?buildingId=${w.building.id}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const mine = reply.body.items.find((t) => t.period === period && t.householdId === w.household.id);
    expect(mine).toMatchObject({
      roomCode: '3-1502',
      balanceCents: 26_283,
      phone: '138****5678',
      buildingName: '3号楼',
    });
    expect(JSON.stringify(reply.body)).not.toContain('13812345678');
  });

  it('collector: logs a promise with its date and the next visit; a promise without a date is refused', async () => {
    const refused = await call(w.tokens.front_desk, 'POST', `${task()}/visits`, {
      version: 1,
      outcome: 'promised',
    });
    expect(refused.status).toBe(400);
    const reply = await call<{ task: CollectionTask }>(w.tokens.front_desk, 'POST', `${task()}/visits`, {
      version: 1,
      outcome: 'promised',
      promisedDate: '2026-09-28',
      nextVisitDate: '2026-09-29',
      note: '业主出差，月底回来缴',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.task).toMatchObject({
      visits: 1,
      lastOutcome: 'promised',
      promisedDate: '2026-09-28',
      nextVisitDate: '2026-09-29',
      version: 2,
    });
    const stale = await call(w.tokens.front_desk, 'POST', `${task()}/visits`, {
      version: 1,
      outcome: 'not_home',
    });
    expect(stale.status).toBe(409);
  });

  it('collector: sends a reminder through the channel, at most one a day', async () => {
    const first = await call<HouseholdNotice>(w.tokens.front_desk, 'POST', `${task()}/reminders`);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ kind: 'collection', status: 'sent', sentBy: w.staff.front_desk.id });
    const again = await call(w.tokens.front_desk, 'POST', `${task()}/reminders`);
    expect(again.status).toBe(409);
  });

  it('technician: may not work the collection worklist', async () => {
    const reply = await call(w.tokens.technician, 'GET', `${base()}/collection-tasks`);
    expect(reply.status).toBe(403);
  });

  it('lawyer (through finance): the arrears file holds every notice with its delivery, the visits, the promise and the clause', async () => {
    const clause = '《前期物业服务合同》第十二条：物业服务费按月于每月20日前缴纳。';
    const settings = await call(w.tokens.finance, 'PUT', `${base()}/collection-settings`, {
      feeClause: clause,
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const reply = await call<{
      feeClause: string;
      totalOwedCents: number;
      arrears: { request: { id: string }; task: CollectionTask }[];
      notices: HouseholdNotice[];
      visits: { outcome: string; promisedDate: string }[];
      household: { phone: string };
    }>(w.tokens.finance, 'GET', `${base()}/households/${w.household.id}/arrears-file`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const file = reply.body;
    expect(file.feeClause).toBe(clause);
    expect(file.household.phone).toBe('138****5678');
    expect(file.arrears.map((a) => a.request.id)).toContain(request.id);
    const ofPeriod = file.notices.filter((n) => n.period === period);
    expect(ofPeriod.map((n) => [n.kind, n.status])).toEqual([
      ['request', 'sent'],
      ['collection', 'sent'],
    ]);
    expect(file.visits).toEqual([
      expect.objectContaining({ outcome: 'promised', promisedDate: '2026-09-28' }),
    ]);

    const xlsx = await app.request(`${base()}/households/${w.household.id}/arrears-file/xlsx`, {
      headers: { authorization: `Bearer ${w.tokens.finance}` },
    });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const cells = (name: string) =>
      (book.getWorksheet(name)?.getSheetValues() ?? [])
        .flat()
        .filter((v) => typeof v === 'string') as string[];
    expect(cells('欠费档案')).toContain(clause);
    expect(cells('通知与提醒')).toEqual(expect.arrayContaining(['缴费通知', '欠费提醒', '已发送']));
    expect(cells('上门记录')).toEqual(expect.arrayContaining(['承诺缴费', '2026-09-28']));
  });

  it('collector: a visit that finds the request paid closes the task and it leaves the worklist', async () => {
    await paidInFull(w, request);
    const current = await call<CollectionTask>(w.tokens.front_desk, 'GET', task());
    const reply = await call<{ task: CollectionTask }>(w.tokens.front_desk, 'POST', `${task()}/visits`, {
      version: current.body.version,
      outcome: 'paid',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.task.state).toBe('closed');
    const list = await call<{ items: CollectionTask[] }>(
      w.tokens.front_desk,
      'GET',
      `${base()}/collection-tasks`,
    );
    expect(list.body.items.some((t) => t.period === period)).toBe(false);
  });
});

describe('late fees', () => {
  it('finance: off by default; turned on, the bill run gets the capped fee, and a waiver approved by another person removes it', async () => {
    const world = await makeProperty('BL');
    const request = await issueTestRequest(
      world,
      '2026-08',
      [{ name: '物业管理费', amountCents: 100_000 }],
      '2026-08-20',
    );
    await collect(world, '2026-08-21T00:00:00.000Z');
    expect(await system(world, () => lateFeeLine(request, '2026-09-15'))).toBeUndefined();

    const turnOn = await call(
      world.tokens.finance,
      'PUT',
      `/api/billing/properties/${world.property.id}/collection-settings`,
      {
        lateFee: {
          enabled: true,
          dailyRatePerTenThousand: 5,
          graceDays: 10,
          capPercent: 1,
          clause: '合同第十五条',
        },
      },
    );
    expect(turnOn.status, JSON.stringify(turnOn.body)).toBe(200);
    // 26 days overdue − 10 grace = 16 days × ¥1,000 × 0.05% = ¥8.00 (under the 1% cap, ¥10.00).
    expect(await system(world, () => lateFeeLine(request, '2026-09-15'))).toMatchObject({
      kind: 'late_fee',
      amountCents: 800,
    });
    // 41 days × 0.05% = ¥20.50, held to the 1% cap.
    expect(await system(world, () => lateFeeLine(request, '2026-10-10'))).toMatchObject({
      amountCents: 1_000,
    });

    const task = `/api/billing/properties/${world.property.id}/collection-tasks/2026-08/${world.household.id}`;
    const asked = await call<CollectionTask>(world.tokens.finance, 'POST', `${task}/late-fee-waiver`, {
      version: 1,
      reason: '业主住院，经理同意',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const self = await call(world.tokens.finance, 'POST', `${task}/late-fee-waiver/approval`, { version: 2 });
    expect(self.status).toBe(403);
    const approved = await call(world.tokens.property_manager, 'POST', `${task}/late-fee-waiver/approval`, {
      version: 2,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(await system(world, () => lateFeeLine(request, '2026-09-15'))).toBeUndefined();
  });

  it('finance: late fees cannot be turned on without the clause that allows them', async () => {
    const reply = await call(w.tokens.finance, 'PUT', `${base()}/collection-settings`, {
      lateFee: { enabled: true, dailyRatePerTenThousand: 5, graceDays: 0, capPercent: 10, clause: '' },
    });
    expect(reply.status).toBe(400);
  });
});

describe('household link', () => {
  let request: PaymentRequest;
  let other: PaymentRequest;
  const view = (token: string) => call(undefined, 'GET', `/api/billing/household-view/${token}`);

  beforeAll(async () => {
    request = await issueTestRequest(w, '2026-07', lines, '2026-07-20');
    other = await issueTestRequest(
      { ...w, household: neighbour, unit: w.vacantUnit },
      '2026-07',
      lines,
      '2026-07-20',
    );
  });

  it('household: opens its request from the printed QR code without signing in, its name masked', async () => {
    const printout = await call<{ householdLink: string }>(
      w.tokens.finance,
      'GET',
      `${base()}/payment-requests/2026-07/${w.household.id}/printout`,
    );
    expect(printout.status, JSON.stringify(printout.body)).toBe(200);
    const token = printout.body.householdLink.replace('/h/', '');
    const reply = await view(token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      request: { roomCode: '3-1502', householdName: '王*', balanceCents: 26_283, state: 'issued' },
    });
    expect(JSON.stringify(reply.body)).not.toMatch(/王芳|13812345678|householdId|propertyId/);
    expect(reply.headers.get('cache-control')).toBe('no-store');
  });

  it('anyone: a link altered to name another household’s request is refused', async () => {
    const [body, signature] = householdLinkToken(request).split('~');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, householdId: other.householdId, requestId: other.id }),
    ).toString('base64url');
    expect((await view(`${forged}~${signature}`)).status).toBe(404);
    // Nor does the other household's own signature make it show anything but its own request.
    const theirs = await view(householdLinkToken(other));
    expect(theirs.body).toMatchObject({ request: { householdName: '李*' } });
    expect((await view(`${body}~${householdLinkToken(other).split('~')[1]}`)).status).toBe(404);
  });

  it('anyone: a link past its expiry is refused, one a day before it still works', async () => {
    const day = 86_400_000;
    expect((await view(householdLinkToken(request, new Date(Date.now() - 121 * day)))).status).toBe(403);
    expect((await view(householdLinkToken(request, new Date(Date.now() - 119 * day)))).status).toBe(200);
  });

  it('anyone: a link whose request was replaced under the same key no longer opens it', async () => {
    const token = householdLinkToken(request);
    const replaced = { ...request, id: `${request.id}x` };
    expect((await view(householdLinkToken(replaced))).status).toBe(404);
    expect((await view(token)).status).toBe(200);
  });

  it('anyone: something that is not a link is a 400 or 404, never a 500', async () => {
    expect((await view('nonsense!')).status).toBe(400);
    expect((await view('nonsense')).status).toBe(404);
    expect((await view('abc~def')).status).toBe(404);
  });

  it('operator: the gateway leaves exactly the domain’s declared public routes without sign-in', () => {
    const declared = domains.flatMap((d) => (d.publicRoutes ?? []).map((r) => `${r.method} ${r.path}`));
    const served = allRoutes
      .filter((r) => r.permission === 'public' && r.domain !== 'platform')
      .map((r) => `${r.method} ${r.path}`);
    expect(served.sort()).toEqual(declared.sort());
    expect(declared).toContain('GET /api/billing/household-view/{token}');
  });
});

import Excel from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { agingReport } from '../../functions/billing/reports/aging.ts';
import type { feeAccounts } from '../../functions/billing/reports/fee-accounts.ts';
import {
  billingOverview,
  type householdsReport,
  type monthsReport,
} from '../../functions/billing/reports/reads.ts';
import type { householdStatement } from '../../functions/billing/reports/statement.ts';
import { trackDbUsage } from '../../functions/shared/db.ts';
import { newId } from '../../functions/shared/ids.ts';
import { app, asSystem, call } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { applyTestPaymentDelta } from '../support/billing-payment-deltas.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

/** The fee reports: what they answer, that the Excel download holds the same numbers, and what they read. */
let w: PropertyWorld;
let small: PropertyWorld;
let hq: string;

type R<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

const neighbour = (p: PropertyWorld, name: string) => ({
  ...p,
  household: { ...p.household, id: newId(), name },
});

beforeAll(async () => {
  [w, small] = await Promise.all([makeProperty('RB'), makeProperty('RC')]);
  hq = (await makeHeadOffice()).token;
  // 2026-05: the world's household pays in full; a neighbour pays part; 2026-06: nobody pays yet.
  await issueTestRequest(w, '2026-05', [
    { name: '物业管理费', amountCents: 21_033 },
    { name: '房屋设备运行费', amountCents: 4_475, item: 'equipment' },
  ]);
  await applyTestPaymentDelta(w.property.id, '2026-05', w.household.id, 25_508);
  const li = neighbour(w, '李雷');
  await issueTestRequest(li, '2026-05', [{ name: '物业管理费', amountCents: 18_000 }]);
  await applyTestPaymentDelta(w.property.id, '2026-05', li.household.id, 6_000);
  await issueTestRequest(w, '2026-06', [{ name: '物业管理费', amountCents: 21_033 }], '2026-06-20');
  await issueTestRequest(small, '2026-05', [{ name: '物业管理费', amountCents: 9_900 }]);
});

const base = (p: PropertyWorld) => `/api/billing/properties/${p.property.id}`;
const get = <T>(token: string, path: string) => call<T>(token, 'GET', path);

async function workbook(token: string, path: string) {
  const response = await app.request(`${path}${path.includes('?') ? '&' : '?'}format=xlsx`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('spreadsheetml');
  const book = new Excel.Workbook();
  await book.xlsx.load(await response.arrayBuffer());
  return book;
}

/** A sheet's data rows, from the row after its header (the row whose first cell is `firstHeader`). */
function rowsAfterHeader(sheet: Excel.Worksheet, firstHeader: string): unknown[][] {
  const rows: unknown[][] = [];
  let inTable = false;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    if (inTable && values.length === 0) inTable = false;
    else if (inTable) rows.push(values);
    if (values[0] === firstHeader) inTable = true;
  });
  return rows;
}
const fen = (v: unknown) => Math.round(Number(v) * 100);

describe('fee report by month', () => {
  it('finance: each month’s receivable, received and arrears with its rates, and the Excel download holds the same numbers', async () => {
    const path = `${base(w)}/fee-report?from=2026-05&to=2026-06`;
    const reply = await get<R<typeof monthsReport>>(w.tokens.finance, path);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const [may, june] = reply.body.months;
    expect(may).toMatchObject({
      month: '2026-05',
      receivableCents: 43_508,
      receivedCents: 31_508,
      arrearsCents: 12_000,
      householdsBilled: 2,
      householdsPaid: 1,
      closed: false,
    });
    expect(may!.rates.amount.value).toBe(0.7242);
    expect(may!.rates.households.value).toBe(0.5);
    expect(june).toMatchObject({ receivableCents: 21_033, receivedCents: 0, arrearsCents: 21_033 });
    expect(reply.body.totals).toMatchObject({ receivableCents: 64_541, receivedCents: 31_508 });

    const sheet = (await workbook(w.tokens.finance, path)).worksheets[0]!;
    const rows = rowsAfterHeader(sheet, '月份');
    expect(rows.map((r) => r[0])).toEqual(['2026-05', '2026-06', '合计']);
    for (const [i, line] of [may!, june!, reply.body.totals].entries()) {
      const r = rows[i]!;
      expect([fen(r[1]), fen(r[2]), fen(r[3]), fen(r[4])]).toEqual([
        line.receivableCents,
        line.receivedCents,
        line.adjustedCents,
        line.arrearsCents,
      ]);
      expect([r[5], r[6], r[7] ?? null, r[8] ?? null]).toEqual([
        line.householdsBilled,
        line.householdsPaid,
        line.rates.amount.value,
        line.rates.households.value,
      ]);
    }
    expect(sheet.getCell(`H${sheet.getRow(7).number}`).numFmt).toBe('0.00%');
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('按金额收缴率：本期实收 ÷ 本期应收');
  });

  it('front desk: reads the fee report; technician: cannot', async () => {
    expect((await get(w.tokens.front_desk, `${base(w)}/fee-report`)).status).toBe(200);
    expect((await get(w.tokens.technician, `${base(w)}/fee-report`)).status).toBe(403);
  });

  it('finance: a range longer than two years is refused', async () => {
    const reply = await get(w.tokens.finance, `${base(w)}/fee-report?from=2020-01&to=2026-06`);
    expect(reply.status).toBe(422);
  });
});

describe('per household and building', () => {
  it('finance: a month’s households and buildings add up to the month, adjustments included; the workbook agrees', async () => {
    const adjusted = await call(w.tokens.finance, 'POST', `${base(w)}/adjustments`, {
      month: '2026-06',
      corrects: { kind: 'request', period: '2026-05', householdId: w.household.id },
      amountCents: 475,
      reason: '设备运行费计费面积更正',
    });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(201);
    const may = await get<R<typeof householdsReport>>(
      w.tokens.finance,
      `${base(w)}/months/2026-05/households`,
    );
    expect(
      may.body.households.map((h) => [h.householdName, h.receivableCents, h.receivedCents, h.arrearsCents]),
    ).toEqual(
      expect.arrayContaining([
        [w.household.name, 25_508, 25_508, 0],
        ['李雷', 18_000, 6_000, 12_000],
      ]),
    );
    expect(may.body.buildings).toEqual([
      expect.objectContaining({
        buildingName: w.building.name,
        receivableCents: 43_508,
        arrearsCents: 12_000,
        householdsBilled: 2,
      }),
    ]);
    const june = await get<R<typeof householdsReport>>(
      w.tokens.finance,
      `${base(w)}/months/2026-06/households`,
    );
    expect(june.body.households).toEqual([
      expect.objectContaining({
        householdName: w.household.name,
        receivableCents: 21_033,
        adjustedCents: 475,
        arrearsCents: 20_558,
      }),
    ]);
    const figures = await get<{ figures: { arrearsCents: number } }>(
      w.tokens.finance,
      `${base(w)}/months/2026-06`,
    );
    expect(figures.body.figures.arrearsCents).toBe(20_558);

    const book = await workbook(w.tokens.finance, `${base(w)}/months/2026-05/households`);
    const rows = rowsAfterHeader(book.worksheets[0]!, '楼栋');
    expect(rows.map((r) => [r[2], fen(r[3]), fen(r[4]), fen(r[6])])).toEqual(
      may.body.households.map((h) => [h.householdName, h.receivableCents, h.receivedCents, h.arrearsCents]),
    );
  });
});

describe('arrears aging', () => {
  it('finance: what is owed lands in its bucket by days past the due date, less its adjustments', async () => {
    const reply = await get<R<typeof agingReport>>(
      w.tokens.finance,
      `${base(w)}/arrears-aging?asOf=2026-07-20`,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const bucket = (key: string) => reply.body.buckets.find((b) => b.bucket === key);
    // 李雷's May request: due 2026-05-20, 61 days past; the June one: 30 days past.
    expect(bucket('d31_90')).toEqual({ bucket: 'd31_90', requests: 1, owingCents: 12_000 });
    expect(bucket('d0_30')).toEqual({ bucket: 'd0_30', requests: 1, owingCents: 21_033 });
    expect(reply.body.totalOwingCents).toBe(33_033);
    const early = await get<R<typeof agingReport>>(
      w.tokens.finance,
      `${base(w)}/arrears-aging?asOf=2026-06-20`,
    );
    expect(early.body.buckets.find((b) => b.bucket === 'notDue')?.owingCents).toBe(21_033);
    const late = await get<R<typeof agingReport>>(
      w.tokens.finance,
      `${base(w)}/arrears-aging?asOf=2027-01-01`,
    );
    expect(late.body.buckets.find((b) => b.bucket === 'd181plus')?.owingCents).toBe(33_033);
  });
});

describe('household statement', () => {
  it('front desk: a household’s requests, what they received and its adjustments, with what is owed', async () => {
    const reply = await get<R<typeof householdStatement>>(
      w.tokens.front_desk,
      `${base(w)}/households/${w.household.id}/statement`,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.requests.map((r) => [r.period, r.billedCents, r.receivedCents])).toEqual([
      ['2026-05', 25_508, 25_508],
      ['2026-06', 21_033, 0],
    ]);
    expect(reply.body.adjustments).toEqual([
      expect.objectContaining({ month: '2026-06', correctsPeriod: '2026-05', amountCents: 475 }),
    ]);
    expect(reply.body.totals).toEqual({
      billedCents: 46_541,
      receivedCents: 25_508,
      adjustedCents: 475,
      owingCents: 20_558,
    });
  });
});

describe('head office', () => {
  it('head office: every property’s month side by side, reading one figures item per property however many households', async () => {
    const read = () => asSystem(() => trackDbUsage(() => billingOverview({ month: '2026-05' })));
    const before = await read();
    const rows = before.result.properties;
    expect(rows.find((r) => r.property.id === w.property.id)).toMatchObject({
      receivableCents: 43_508,
      receivedCents: 31_508,
    });
    expect(rows.find((r) => r.property.id === small.property.id)).toMatchObject({ receivableCents: 9_900 });
    // The property list (one item each) and one month-figures item each.
    expect(before.usage.itemsRead).toBe(2 * rows.length);
    for (let i = 0; i < 10; i++)
      await issueTestRequest(neighbour(small, `住户${i}`), '2026-05', [
        { name: '物业管理费', amountCents: 100 },
      ]);
    const after = await read();
    expect(after.usage.itemsRead).toBe(before.usage.itemsRead);
    expect(after.result.properties.find((r) => r.property.id === small.property.id)?.householdsBilled).toBe(
      11,
    );

    const reply = await get<R<typeof billingOverview>>(hq, '/api/billing/overview?month=2026-05');
    expect(reply.status).toBe(200);
    const sheet = (await workbook(hq, '/api/billing/overview?month=2026-05')).worksheets[0]!;
    const excelRows = rowsAfterHeader(sheet, '项目');
    expect(excelRows.map((r) => [r[0], fen(r[2]), fen(r[3]), r[8] ?? null])).toEqual([
      ...reply.body.properties.map((p) => [
        p.property.name,
        p.receivableCents,
        p.receivedCents,
        p.rates.amount.value,
      ]),
      [
        '合计',
        reply.body.totals.receivableCents,
        reply.body.totals.receivedCents,
        reply.body.totals.rates.amount.value,
      ],
    ]);
  });

  it('finance: sees only their own property in the overview', async () => {
    const reply = await get<R<typeof billingOverview>>(
      w.tokens.finance,
      '/api/billing/overview?month=2026-05',
    );
    expect(reply.body.properties.map((p) => p.property.id)).toEqual([w.property.id]);
  });
});

describe('half-year fee accounts', () => {
  it('finance: income by item of the six months and the spending entered, with the balance; the workbook agrees', async () => {
    const spent = await call(w.tokens.finance, 'POST', `${base(w)}/fee-spending`, {
      month: '2026-05',
      category: 'cleaning',
      amountCents: 12_000,
      note: '5月保洁外包服务费',
    });
    expect(spent.status, JSON.stringify(spent.body)).toBe(201);
    const refused = await call(w.tokens.front_desk, 'POST', `${base(w)}/fee-spending`, {
      month: '2026-05',
      category: 'cleaning',
      amountCents: 1,
      note: '前台不能录入',
    });
    expect(refused.status).toBe(403);
    const reply = await get<R<typeof feeAccounts>>(w.tokens.finance, `${base(w)}/fee-accounts/2026-H1`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.income).toEqual(
      expect.arrayContaining([
        { row: 'management', receivableCents: 60_066, receivedCents: 27_033 },
        { row: 'equipment', receivableCents: 4_475, receivedCents: 4_475 },
      ]),
    );
    expect(reply.body).toMatchObject({ incomeCents: 31_508, spendingCents: 12_000, balanceCents: 19_508 });
    const rows = rowsAfterHeader(
      (await workbook(w.tokens.finance, `${base(w)}/fee-accounts/2026-H1`)).worksheets[0]!,
      '收支项目',
    );
    const total = rows.at(-2)!;
    expect([total[0], fen(total[2]), fen(total[3])]).toEqual(['合计', 31_508, 12_000]);
    expect(fen(rows.at(-1)?.[2])).toBe(19_508);
  });
});

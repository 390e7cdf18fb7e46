import { beforeAll, describe, expect, it } from 'vitest';
import type { FeeStandard, MeterReading } from '../../functions/billing/records.ts';
import { versionFor } from '../../functions/billing/standards/versions.ts';
import { call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** Fee standards with their history, and meter readings, as finance enters them. */
let w: PropertyWorld;

beforeAll(async () => {
  w = await makeProperty('FS');
});

const base = () => `/api/billing/properties/${w.property.id}`;
const management = {
  item: 'management',
  name: '物业管理费（住宅）',
  effectiveFrom: '2026-11',
  rate: { amount: 235, scale: 0 },
  basis: 'area',
  unitTypes: ['residential'],
  vacantPercent: 70,
};

describe('fee standards', () => {
  it('finance: a change takes effect from its month, and earlier months keep the version they had', async () => {
    const created = await call<FeeStandard>(w.tokens.finance, 'POST', `${base()}/fee-standards`, management);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const changed = await call<FeeStandard>(
      w.tokens.finance,
      'POST',
      `${base()}/fee-standards/${created.body.id}/versions`,
      {
        ...management,
        item: undefined,
        name: undefined,
        version: 1,
        effectiveFrom: '2027-01',
        rate: { amount: 2450, scale: 1 },
      },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const read = await call<FeeStandard>(
      w.tokens.front_desk,
      'GET',
      `${base()}/fee-standards/${created.body.id}`,
    );
    expect(read.body.versions.map((v) => v.effectiveFrom)).toEqual(['2026-11', '2027-01']);
    expect(versionFor(read.body, '2026-10')).toBeUndefined();
    expect(versionFor(read.body, '2026-12')?.rate).toEqual({ amount: 235, scale: 0 });
    expect(versionFor(read.body, '2027-03')?.rate).toEqual({ amount: 2450, scale: 1 });
    expect(read.body.versions[1]!.changedBy).toBe(w.staff.finance.name);
  });

  it('finance: a version that does not come after the latest one is refused, and a stale version is a 409', async () => {
    const created = await call<FeeStandard>(w.tokens.finance, 'POST', `${base()}/fee-standards`, {
      ...management,
      name: '房屋设备运行费',
      item: 'equipment',
      rate: { amount: 50, scale: 0 },
    });
    const path = `${base()}/fee-standards/${created.body.id}/versions`;
    const { item: _i, name: _n, ...version } = management;
    const early = await call(w.tokens.finance, 'POST', path, {
      ...version,
      version: 1,
      effectiveFrom: '2026-11',
    });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ error: { code: 'effective_too_early' } });
    const stale = await call(w.tokens.finance, 'POST', path, {
      ...version,
      version: 7,
      effectiveFrom: '2027-02',
    });
    expect(stale.status).toBe(409);
    const list = await call<{ items: FeeStandard[] }>(w.tokens.finance, 'GET', `${base()}/fee-standards`);
    expect(list.body.items.find((s) => s.id === created.body.id)?.versions).toHaveLength(1);
  });

  it('finance: a deactivated standard takes no new version', async () => {
    const created = await call<FeeStandard>(w.tokens.finance, 'POST', `${base()}/fee-standards`, {
      ...management,
      name: '车位管理费',
      item: 'parking',
      basis: 'fixed',
      rate: { amount: 10000, scale: 0 },
    });
    const off = await call<FeeStandard>(
      w.tokens.finance,
      'POST',
      `${base()}/fee-standards/${created.body.id}/deactivate`,
      { version: 1 },
    );
    expect(off.body.active).toBe(false);
    const { item: _i, name: _n, ...version } = management;
    const again = await call(
      w.tokens.finance,
      'POST',
      `${base()}/fee-standards/${created.body.id}/versions`,
      {
        ...version,
        version: 2,
        effectiveFrom: '2027-05',
      },
    );
    expect(again.status).toBe(409);
  });

  it('front desk: reads the standards but cannot change them', async () => {
    const reply = await call(w.tokens.front_desk, 'POST', `${base()}/fee-standards`, management);
    expect(reply.status).toBe(403);
    const list = await call(w.tokens.front_desk, 'GET', `${base()}/fee-standards`);
    expect(list.status).toBe(200);
  });

  it('finance: a meter or shared basis must name its meter', async () => {
    const reply = await call(w.tokens.finance, 'POST', `${base()}/fee-standards`, {
      ...management,
      item: 'water',
      basis: 'meter',
    });
    expect(reply.status).toBe(400);
  });
});

describe('meter readings', () => {
  const enter = (body: object) =>
    call<MeterReading>(w.tokens.finance, 'POST', `${base()}/meter-readings`, body);

  it('finance: the next month’s reading counts from the one before; a replacement and a rollover count across', async () => {
    const first = await enter({
      unitId: w.vacantUnit.id,
      meter: 'water',
      month: '2026-10',
      reading: 1488,
      previousReading: 1450,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.consumption).toBe(38);
    const next = await enter({ unitId: w.vacantUnit.id, meter: 'water', month: '2026-11', reading: 1520 });
    expect(next.body).toMatchObject({
      previousReading: 1488,
      consumption: 32,
      consumptionText: '1520 − 1488 = 32',
    });
    const replaced = await enter({
      unitId: w.vacantUnit.id,
      meter: 'water',
      month: '2026-12',
      reading: 20,
      replacement: { finalReading: 1600, startReading: 0 },
    });
    expect(replaced.body.consumption).toBe(100);
    const rolled = await enter({
      meter: 'E-common-1',
      month: '2026-12',
      reading: 15,
      previousReading: 99980,
      rolloverAt: 99999,
    });
    expect(rolled.body.consumption).toBe(35);
    const history = await call<{ items: MeterReading[] }>(
      w.tokens.front_desk,
      'GET',
      `${base()}/meters/${w.vacantUnit.id}-water/readings`,
    );
    expect(history.body.items.map((r) => r.period)).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('finance: a second reading of the same month is a 409, a first one without a previous reading a 422', async () => {
    const twice = await enter({
      unitId: w.unit.id,
      meter: 'water',
      month: '2026-11',
      reading: 1530,
      previousReading: 1488,
    });
    expect(twice.status).toBe(409);
    const first = await enter({ unitId: w.unit.id, meter: 'electricity', month: '2026-11', reading: 300 });
    expect(first.status).toBe(422);
    expect(first.body).toMatchObject({ error: { code: 'no_previous_reading' } });
    const backwards = await enter({
      unitId: w.unit.id,
      meter: 'gas',
      month: '2026-11',
      reading: 3,
      previousReading: 40,
    });
    expect(backwards.status).toBe(422);
  });
});

/**
 * What a bill run bills, worked out in memory from one read of the property (docs/billing.md, "The
 * monthly bill run"): who pays for each unit, which version of each standard is in force, the readings,
 * the shares of common meters, the month's unbilled paid-service charges and the arrears still open.
 * The requests themselves are made batch by batch (`requestFor`), so a dry run and a run make the same.
 */
import type { Household, Property, Unit } from '../../directory/records.ts';
import { newId } from '../../shared/ids.ts';
import type { Store } from '../../shared/store.ts';
import { billingKeys, figureKeys, keys, skPrefix, ticketIndexPrefix } from '../../shared/table.ts';
import type { ChargeableItem } from '../../tickets/chargeable-items.ts';
import { addMonths } from '../close/months.ts';
import { areaText, hundredths, largestRemainder, lineAmount, rateText } from '../money.ts';
import type { Credit } from '../payments/records.ts';
import { queryAll } from '../query-all.ts';
import type {
  FeeStandard,
  FeeStandardVersion,
  MeterReading,
  PaymentRequest,
  RequestLine,
} from '../records.ts';
import { unpaidBefore } from '../reports/month-figures.ts';
import { meterIdOf } from '../standards/meters.ts';
import { readStandards } from '../standards/service.ts';
import { versionFor } from '../standards/versions.ts';

export interface Plan {
  property: Property;
  period: string;
  from: string;
  to: string;
  dueDate: string;
  /** The household that pays for each billed unit, in the run's order (by household id). */
  payers: Household[];
  units: Map<string, Unit>;
  standards: { standard: FeeStandard; version: FeeStandardVersion }[];
  readings: Map<string, MeterReading>;
  /** Each shared standard's share of each household: standard id → household id → line. */
  shares: Map<string, Map<string, { cents: number; text: string }>>;
  charges: Map<string, ChargeableItem[]>;
  arrears: Map<string, { cents: number; periods: string[] }>;
  /**
   * Each payer's prepayment credit as the plan read it. A payment kept as credit after that is spent
   * next month; one spent since makes the batch's condition fail and the plan is read again.
   */
  credits: Map<string, number>;
  /** What could not be billed (a missing reading, a common meter without households), in words. */
  problems: string[];
}

function lastDay(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

const applies = (v: FeeStandardVersion, unit: Unit) =>
  (!v.unitTypes?.length || v.unitTypes.includes(unit.type)) &&
  (!v.unitIds?.length || v.unitIds.includes(unit.id));

/** 空置: the household has the unit but has not moved in by the end of the month. */
const vacantIn = (h: Household, to: string) => !h.moveInDate || h.moveInDate > to;

/** Per unit, the active owner household pays, else the earliest active tenant. */
function payersOf(households: Household[]): Household[] {
  const byUnit = new Map<string, Household>();
  for (const h of households.filter((x) => x.status === 'active').sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const current = byUnit.get(h.unitId);
    if (!current || (current.kind !== 'owner' && h.kind === 'owner')) byUnit.set(h.unitId, h);
  }
  return [...byUnit.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function makePlan(store: Store, property: Property, period: string): Promise<Plan> {
  const pk = keys.property(property.id).pk;
  const [unitList, households, standards, unpaid, ...chargeLists] = await Promise.all([
    queryAll<Unit>(store, { partition: pk, beginsWith: skPrefix.unit, limit: 1000 }),
    queryAll<Household>(store, { partition: pk, beginsWith: skPrefix.household, limit: 1000 }),
    readStandards(store, property.id),
    unpaidBefore(store, property.id, period),
    // The month's fees, and any of the month before confirmed after its run had passed.
    ...[addMonths(period, -1), period].map((month) =>
      queryAll<ChargeableItem>(store, {
        index: 'listing',
        partition: figureKeys.chargeableItemsOfMonth(property.id, month, 'x', 'x').listingPk,
        beginsWith: ticketIndexPrefix.chargeableItemsInState('unbilled'),
        limit: 1000,
      }),
    ),
  ]);
  const to = lastDay(period);
  const units = new Map(unitList.map((u) => [u.id, u]));
  const payers = payersOf(households).filter((h) => units.has(h.unitId));
  const inForce = standards
    .filter((s) => s.active)
    .map((standard) => ({ standard, version: versionFor(standard, period) }))
    .filter((s): s is Plan['standards'][number] => s.version !== undefined);
  const problems: string[] = [];

  const meterKeys = inForce.flatMap(({ version }) => {
    if (version.basis === 'meter')
      return payers
        .filter((h) => applies(version, units.get(h.unitId)!))
        .map((h) => meterIdOf(version.meter!, h.unitId));
    return version.basis.startsWith('shared') ? [version.meter!] : [];
  });
  const readingList = await store.batchGet<MeterReading>(
    [...new Set(meterKeys)].map((m) => billingKeys.meterReading(property.id, m, period)),
  );
  const readings = new Map(readingList.map((r) => [r.meterId, r]));
  const credits = await creditsOf(store, property.id, payers);

  const shares = new Map<string, Map<string, { cents: number; text: string }>>();
  for (const { standard, version } of inForce.filter((s) => s.version.basis.startsWith('shared'))) {
    const reading = readings.get(version.meter!);
    const among = payers.filter((h) => applies(version, units.get(h.unitId)!));
    if (!reading || !among.length) {
      problems.push(
        reading
          ? `${standard.name}：没有分摊的住户`
          : `${standard.name}：公共表 ${version.meter} 缺 ${period} 读数`,
      );
      continue;
    }
    const total = lineAmount(version.rate, reading.consumption);
    const byArea = version.basis === 'shared_by_area';
    const pct = (h: Household) => (vacantIn(h, to) ? version.vacantPercent : 100);
    const weights = among.map((h) => (byArea ? units.get(h.unitId)!.areaSqmX100 : 1) * pct(h));
    if (weights.every((w) => w === 0)) {
      problems.push(`${standard.name}：分摊权重全为 0`);
      continue;
    }
    const split = largestRemainder(total, weights);
    const head = `${version.meter} 用量 ${reading.consumption} × ${rateText(version.rate)} = ¥${hundredths(total)}`;
    const totalArea = among.reduce((a, h) => a + units.get(h.unitId)!.areaSqmX100, 0);
    shares.set(
      standard.id,
      new Map(
        among.map((h, i) => [
          h.id,
          {
            cents: split[i]!,
            text: byArea
              ? `${head}，按面积 ${areaText(units.get(h.unitId)!.areaSqmX100)}/${areaText(totalArea)} m² 分摊`
              : `${head}，按户 ${among.length} 户分摊`,
          },
        ]),
      ),
    );
  }

  const payerOfUnit = new Map(payers.map((h) => [h.unitId, h.id]));
  const payerIds = new Set(payers.map((h) => h.id));
  const charges = new Map<string, ChargeableItem[]>();
  for (const c of chargeLists.flat()) {
    const to = c.householdId && payerIds.has(c.householdId) ? c.householdId : payerOfUnit.get(c.unitId ?? '');
    if (!to) {
      problems.push(`有偿服务费（工单 ${c.ticketId}）：找不到缴费住户`);
      continue;
    }
    charges.set(to, [...(charges.get(to) ?? []), c]);
  }
  const arrears = new Map<string, { cents: number; periods: string[] }>();
  for (const r of unpaid) {
    const a = arrears.get(r.householdId) ?? { cents: 0, periods: [] };
    a.cents += r.balanceCents;
    a.periods.push(r.period);
    arrears.set(r.householdId, a);
  }
  return {
    property,
    period,
    from: `${period}-01`,
    to,
    dueDate: `${period}-${String(property.dueDay).padStart(2, '0')}`,
    payers,
    units,
    standards: inForce,
    readings,
    shares,
    charges,
    arrears,
    credits,
    problems,
  };
}

/** Keys read per BatchGetItem call, and calls in flight at once. */
const creditKeysPerRead = 100;
const creditReadsInFlight = 8;

/** Each payer's credit (CREDIT#<hid>, kept by payments), by its key: households without one have none. */
async function creditsOf(store: Store, propertyId: string, payers: Household[]) {
  const chunks: Household[][] = [];
  for (let i = 0; i < payers.length; i += creditKeysPerRead)
    chunks.push(payers.slice(i, i + creditKeysPerRead));
  const credits = new Map<string, number>();
  const reader = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      const found = await store.batchGet<Credit>(chunk.map((h) => billingKeys.credit(propertyId, h.id)));
      for (const c of found) if (c.balanceCents > 0) credits.set(c.householdId, c.balanceCents);
    }
  };
  await Promise.all(Array.from({ length: creditReadsInFlight }, reader));
  return credits;
}

/** The fee lines, paid-service lines and prior arrears of one household; no lines: nothing to bill. */
export function linesFor(plan: Plan, h: Household): { lines: RequestLine[]; problems: string[] } {
  const unit = plan.units.get(h.unitId)!;
  const vacant = vacantIn(h, plan.to);
  const lines: RequestLine[] = [];
  const problems: string[] = [];
  const line = (
    standard: FeeStandard,
    version: FeeStandardVersion,
    amountCents: number,
    basisText: string,
  ): RequestLine => ({
    id: newId(),
    kind: 'fee',
    item: standard.item,
    name: standard.name,
    standardId: standard.id,
    effectiveFrom: version.effectiveFrom,
    basisText,
    periodFrom: plan.from,
    periodTo: plan.to,
    amountCents,
    paidCents: 0,
  });
  for (const { standard, version } of plan.standards) {
    if (!applies(version, unit)) continue;
    const pct = vacant ? version.vacantPercent : 100;
    const vacancy = vacant && pct < 100 ? ` × ${pct}%（空置）` : '';
    const rate = rateText(version.rate);
    let amount: number;
    let text: string;
    if (version.basis === 'area' || version.basis === 'inner_area') {
      const inner = version.basis === 'inner_area';
      const area = inner ? unit.innerAreaSqmX100 : unit.areaSqmX100;
      if (!area) {
        // Never a silent 0: the line is left out and the run says which unit lacks its inner area.
        problems.push(`${unit.roomCode} ${standard.name}：未登记套内面积`);
        continue;
      }
      amount = lineAmount(version.rate, area * pct, 4);
      text = `${inner ? '套内 ' : ''}${areaText(area)} m² × ${rate}/m²${vacancy}`;
    } else if (version.basis === 'unit' || version.basis === 'fixed') {
      amount = lineAmount(version.rate, pct, 2);
      text = `${version.basis === 'unit' ? '每户' : '固定'} ${rate}${vacancy}`;
    } else if (version.basis === 'meter') {
      const reading = plan.readings.get(meterIdOf(version.meter!, unit.id));
      if (!reading) {
        problems.push(`${unit.roomCode} ${standard.name}：缺 ${plan.period} 读数`);
        continue;
      }
      amount = lineAmount(version.rate, reading.consumption);
      text = `读数 ${reading.consumptionText} × ${rate}`;
    } else {
      const share = plan.shares.get(standard.id)?.get(h.id);
      if (!share) continue;
      amount = share.cents;
      text = share.text;
    }
    if (amount > 0) lines.push(line(standard, version, amount, text));
  }
  for (const c of plan.charges.get(h.id) ?? []) {
    lines.push({
      id: newId(),
      kind: 'service',
      item: 'service',
      name: '有偿服务费',
      basisText: `维修确认 ${c.confirmedAt.slice(0, 10)}`,
      periodFrom: plan.from,
      periodTo: plan.to,
      amountCents: c.amountCents,
      paidCents: 0,
      ticketId: c.ticketId,
    });
  }
  return { lines, problems };
}

/** The request of `h` with `lines`, spending up to `creditCents` of its prepayment credit. */
export function requestFor(
  plan: Plan,
  h: Household,
  lines: RequestLine[],
  creditCents: number,
  runId: string,
  at: string,
): PaymentRequest {
  const unit = plan.units.get(h.unitId)!;
  const totalCents = lines.reduce((a, l) => a + l.amountCents, 0);
  const creditAppliedCents = Math.min(Math.max(creditCents, 0), totalCents);
  const balanceCents = totalCents - creditAppliedCents;
  const arrears = plan.arrears.get(h.id);
  return {
    id: newId(),
    propertyId: plan.property.id,
    period: plan.period,
    householdId: h.id,
    householdName: h.name,
    unitId: unit.id,
    buildingId: unit.buildingId,
    roomCode: unit.roomCode,
    lines,
    totalCents,
    creditAppliedCents,
    paidCents: 0,
    balanceCents,
    state: balanceCents === 0 ? 'paid' : 'issued',
    issuedAt: at,
    dueDate: plan.dueDate,
    runId,
    version: 1,
    ...(arrears ? { priorArrears: arrears } : {}),
  };
}

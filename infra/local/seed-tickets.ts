import type { Property } from '../../functions/directory/records.ts';
import { type Actor, withActor } from '../../functions/shared/actor.ts';
import type { Role } from '../../functions/shared/permissions.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys, skPrefix } from '../../functions/shared/table.ts';
import { workingMinutesBetween } from '../../functions/sla/calendar.ts';
import {
  calendarFor,
  resolveSlaSettings,
  type SlaSettingsOverrides,
  type SlaTarget,
} from '../../functions/sla/policies.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import type { ContactCreate } from '../../functions/tickets/schemas.ts';
import { actOnTicket, recordContact } from '../../functions/tickets/service.ts';

interface Member {
  id: string;
  name: string;
  email: string;
  roles: Role[];
}
interface Resident {
  id: string;
  unitId: string;
  name: string;
  phone: string;
}

const MINUTE = 60_000;

/**
 * The latest instant from which `minutes` of working time have passed by `now` in `calendar`: the
 * inverse of `addWorkingTime`, found by bisection over `workingMinutesBetween` (which only grows as
 * the start moves back), so the calendar's own rules decide and no second implementation exists.
 */
export function workingTimeAgo(
  calendar: Parameters<typeof workingMinutesBetween>[0],
  now: Date,
  minutes: number,
) {
  const worked = (from: number) => workingMinutesBetween(calendar, new Date(from), now);
  let span = 86_400_000;
  while (worked(now.getTime() - span) < minutes) span *= 2;
  let early = now.getTime() - span; // enough working time
  let late = now.getTime(); // not enough
  while (late - early > 1000) {
    const mid = Math.floor((early + late) / 2);
    if (worked(mid) >= minutes) early = mid;
    else late = mid;
  }
  return new Date(Math.floor(early / MINUTE) * MINUTE);
}

/** Local midnight of `now`'s day in `timeZone` (a zone without DST on that day, as China's). */
function startOfLocalDay(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const sinceMidnight = ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000;
  return new Date(now.getTime() - sinceMidnight - (now.getTime() % 1000));
}

/**
 * When the demo's calls were taken, counted back from `now` so that the same situations hold at any
 * hour, on any day (night, weekend, holiday): working-time targets are counted back in the property's
 * own calendar, and the calls meant for today's ledger stay on today's local date.
 */
export function demoMoments(property: Property, now: Date) {
  const settings = resolveSlaSettings((property as { slaSettings?: SlaSettingsOverrides }).slaSettings);
  const firstResponse = settings.policies.repair.normal.targets.firstResponse;
  /** When a clock of `target` started that has used `share` of it by now (above 1: overdue). */
  const used = (target: SlaTarget, share: number) => {
    if (target.measure === 'agreed') throw new RangeError('A repair response has a length of its own');
    const minutes = target.minutes * share;
    return target.measure === 'working'
      ? workingTimeAgo(calendarFor(property, settings, target.calendar), now, minutes)
      : new Date(now.getTime() - minutes * MINUTE);
  };
  const midnight = startOfLocalDay(now, property.timeZone);
  return {
    /** A call of today, `minutes` ago (or at midnight, when the day is younger than that). */
    today: (minutes: number) => new Date(Math.max(now.getTime() - minutes * MINUTE, midnight.getTime())),
    /** A repair whose first response is overdue: ten times its target used. */
    overdueRepair: used(firstResponse, 10),
    /** A repair whose first response is due soon: past its warning share, not yet due. */
    dueSoonRepair: used(firstResponse, (1 + firstResponse.warnAt) / 2),
    inMinutes: (minutes: number) => new Date(now.getTime() + minutes * MINUTE),
  };
}

/**
 * A handful of tickets in various states for the demo, taken the way staff take them: the front desk
 * records the calls and dispatches, the technician starts and completes (through the same service
 * functions the API calls).
 */
export async function seedDemoTickets(property: Property, now = new Date()): Promise<void> {
  const moments = demoMoments(property, now);
  const store = propertyStore(property.id);
  const [staff, residents] = await Promise.all([
    store.query<Member>({
      partition: keys.property(property.id).pk,
      beginsWith: skPrefix.membership,
      limit: 50,
    }),
    store.query<Resident>({
      partition: keys.property(property.id).pk,
      beginsWith: skPrefix.household,
      limit: 8,
    }),
  ]);
  const member = (prefix: string) => staff.items.find((s) => s.email.startsWith(prefix))!;
  const actorOf = (m: Member): Actor => ({
    staffId: m.id,
    name: m.name,
    roles: m.roles,
    propertyIds: [property.id],
  });
  const desk = actorOf(member('frontdesk.'));
  const tech = actorOf(member('tech.'));
  const tech2 = actorOf(member('tech2.'));
  const people = residents.items;

  const call = (at: Date, r: Resident, contact: Omit<ContactCreate, 'time' | 'channel' | 'caller'>) =>
    withActor(desk, () =>
      recordContact({
        propertyId: property.id,
        contact: {
          time: at.toISOString(),
          channel: 'phone',
          caller: { name: r.name, phone: r.phone },
          unitId: r.unitId,
          householdId: r.id,
          ...contact,
        },
      }),
    );
  const act = async (actor: Actor, ticket: Ticket, action: string, input: Record<string, unknown> = {}) =>
    (
      await withActor(actor, () =>
        actOnTicket({ propertyId: property.id, ticketId: ticket.id, action, version: ticket.version, input }),
      )
    ).ticket;
  const dispatched = async (r: Resident, at: Date, summary: string, to: Actor, appointment: number) => {
    const { ticket } = await call(at, r, { category: 'repair', summary });
    const verified = await act(desk, ticket!, 'verify', { inScope: true });
    return act(desk, verified, 'dispatch', {
      technicianId: to.staffId,
      appointmentAt: moments.inMinutes(appointment).toISOString(),
    });
  };

  await call(moments.dueSoonRepair, people[0]!, { category: 'repair', summary: '厨房水龙头一直滴水' });
  await call(moments.overdueRepair, people[1]!, {
    category: 'repair',
    summary: '公共区域走廊灯不亮',
    ticket: { location: { unitId: people[1]!.unitId, place: '15楼电梯厅' } },
  });
  await dispatched(people[2]!, moments.today(90), '卫生间下水管堵塞，水漫到客厅', tech, 120);
  await dispatched(people[3]!, moments.today(60), '阳台推拉门卡住关不上', tech2, 240);
  const working = await dispatched(people[4]!, moments.today(180), '客厅空调不制冷', tech, -30);
  await act(tech, working, 'start');
  await call(moments.today(3), people[5]!, {
    category: 'complaint',
    summary: '电梯困人十分钟无人响应',
    ticket: { category: 'facilities', severity: 'urgent' },
  });
  const noise = await call(moments.today(240), people[6]!, {
    category: 'complaint',
    summary: '楼上装修噪音，晚上十点还在施工',
    ticket: { category: 'renovation' },
  });
  await act(desk, noise.ticket!, 'acknowledge', { note: '已向业户致歉，尽快联系装修方' });
  await call(moments.today(15), people[7]!, {
    category: 'inquiry',
    summary: '停车月卡怎么办理，需要带什么材料',
  });
  await call(moments.today(8), people[0]!, {
    category: 'message',
    summary: '请工程部王师傅回电，约时间看热水器',
    message: { forWhom: '工程部王师傅', callbackNumber: people[0]!.phone, passedTo: '工程部' },
  });
}

import type { Property } from '../../functions/directory/records.ts';
import { type Actor, withActor } from '../../functions/shared/actor.ts';
import type { Role } from '../../functions/shared/permissions.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys, skPrefix } from '../../functions/shared/table.ts';
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

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/**
 * A handful of tickets in various states for the demo, taken the way staff take them: the front desk
 * records the calls and dispatches, the technician starts and completes (through the same service
 * functions the API calls).
 */
export async function seedDemoTickets(property: Property): Promise<void> {
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

  const call = (at: number, r: Resident, contact: Omit<ContactCreate, 'time' | 'channel' | 'caller'>) =>
    withActor(desk, () =>
      recordContact({
        propertyId: property.id,
        contact: {
          time: minutesAgo(at),
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
  const dispatched = async (r: Resident, at: number, summary: string, to: Actor, appointment: number) => {
    const { ticket } = await call(at, r, { category: 'repair', summary });
    const verified = await act(desk, ticket!, 'verify', { inScope: true });
    return act(desk, verified, 'dispatch', {
      technicianId: to.staffId,
      appointmentAt: inMinutes(appointment),
    });
  };

  await call(25, people[0]!, { category: 'repair', summary: '厨房水龙头一直滴水' });
  await call(300, people[1]!, {
    category: 'repair',
    summary: '公共区域走廊灯不亮',
    ticket: { location: { unitId: people[1]!.unitId, place: '15楼电梯厅' } },
  });
  await dispatched(people[2]!, 90, '卫生间下水管堵塞，水漫到客厅', tech, 120);
  await dispatched(people[3]!, 60, '阳台推拉门卡住关不上', tech2, 240);
  const working = await dispatched(people[4]!, 180, '客厅空调不制冷', tech, -30);
  await act(tech, working, 'start');
  await call(3, people[5]!, {
    category: 'complaint',
    summary: '电梯困人十分钟无人响应',
    ticket: { category: 'facilities', severity: 'urgent' },
  });
  const noise = await call(240, people[6]!, {
    category: 'complaint',
    summary: '楼上装修噪音，晚上十点还在施工',
    ticket: { category: 'renovation' },
  });
  await act(desk, noise.ticket!, 'acknowledge', { note: '已向业户致歉，尽快联系装修方' });
  await call(15, people[7]!, { category: 'inquiry', summary: '停车月卡怎么办理，需要带什么材料' });
  await call(8, people[0]!, {
    category: 'message',
    summary: '请工程部王师傅回电，约时间看热水器',
    message: { forWhom: '工程部王师傅', callbackNumber: people[0]!.phone, passedTo: '工程部' },
  });
}

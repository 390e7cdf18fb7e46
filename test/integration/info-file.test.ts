import { beforeAll, describe, expect, it } from 'vitest';
import type { InfoEntry } from '../../functions/tickets/info-file.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let other: PropertyWorld;

beforeAll(async () => {
  [world, other] = await Promise.all([makeProperty('IF'), makeProperty('IG')]);
});

const base = (w = world) => `/api/tickets/properties/${w.property.id}/info-entries`;
const search = (q: string, token = world.tokens.front_desk) =>
  call<{ items: InfoEntry[] }>(token, 'GET', `${base()}?q=${encodeURIComponent(q)}`);

const entries = [
  {
    title: '静安供电所',
    category: 'utilities',
    phones: [{ label: '抢修', number: '95598' }],
    keywords: ['停电', '电力'],
  },
  {
    title: '燃气抢修',
    category: 'utilities',
    phones: [{ number: '962777' }],
    keywords: ['煤气', '漏气'],
  },
  {
    title: '华山医院',
    category: 'medical',
    phones: [{ label: '急诊', number: '021-52889999' }],
    address: '乌鲁木齐中路 12 号',
    keywords: ['急诊', '医院'],
  },
];

describe('information file', () => {
  beforeAll(async () => {
    for (const entry of entries) {
      const created = await call(world.tokens.property_manager, 'POST', base(), entry);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });

  it('front desk: finds the police station by typing 派出所 and reads its number in full', async () => {
    const found = await search('派出所');
    expect(found.status).toBe(200);
    expect(found.body.items.map((e) => e.title)).toEqual(['辖区派出所']);
    expect(found.body.items[0]!.phones[0]!.number).toBe('021-62718110');
  });

  it('front desk: searches by keyword, by category name and by several words at once', async () => {
    expect((await search('停电')).body.items.map((e) => e.title)).toEqual(['静安供电所']);
    expect((await search('水电气')).body.items.map((e) => e.title).sort()).toEqual([
      '燃气抢修',
      '静安供电所',
    ]);
    expect((await search('医疗 急诊')).body.items.map((e) => e.title)).toEqual(['华山医院']);
    expect((await search('医疗 停电')).body.items).toEqual([]);
    expect((await search('')).body.items).toHaveLength(4);
  });

  it('front desk: cannot add an entry; property manager edits one and a stale edit gets 409', async () => {
    const refused = await call(world.tokens.front_desk, 'POST', base(), entries[0]);
    expect(refused.status).toBe(403);
    const [gas] = (await search('燃气')).body.items;
    const edited = await call<InfoEntry>(world.tokens.property_manager, 'PATCH', `${base()}/${gas!.id}`, {
      version: gas!.version,
      phones: [{ label: '24 小时', number: '962777' }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.phones[0]!.label).toBe('24 小时');
    const stale = await call(world.tokens.property_manager, 'PATCH', `${base()}/${gas!.id}`, {
      version: gas!.version,
      notes: '旧版本',
    });
    expect(stale.status).toBe(409);
  });

  it('property manager: removes an entry with its current version; a stale removal gets 409 and keeps it', async () => {
    const created = await call<InfoEntry>(world.tokens.property_manager, 'POST', base(), {
      title: '社区居委会',
      category: 'government',
      phones: [{ number: '021-62150000' }],
    });
    const stale = await call(world.tokens.property_manager, 'DELETE', `${base()}/${created.body.id}`, {
      version: 99,
    });
    expect(stale.status).toBe(409);
    expect((await search('居委会')).body.items).toHaveLength(1);
    const removed = await call(world.tokens.property_manager, 'DELETE', `${base()}/${created.body.id}`, {
      version: created.body.version,
    });
    expect(removed.status).toBe(200);
    expect((await search('居委会')).body.items).toHaveLength(0);
  });

  it('front desk: answers an inquiry from an entry of the property; an entry of another property is refused', async () => {
    const opened = await call<{ ticket: Ticket }>(
      world.tokens.front_desk,
      'POST',
      `/api/tickets/properties/${world.property.id}/contacts`,
      {
        time: new Date().toISOString(),
        channel: 'phone',
        caller: { name: '王芳', phone: '13812345678' },
        unitId: world.unit.id,
        householdId: world.household.id,
        category: 'inquiry',
        summary: '附近派出所电话是多少？',
      },
    );
    expect(opened.status).toBe(201);
    const ticket = opened.body.ticket;
    const answer = (infoEntryId: string) =>
      call<{ ticket: Ticket }>(
        world.tokens.front_desk,
        'POST',
        `/api/tickets/properties/${world.property.id}/tickets/${ticket.id}/actions/answer`,
        {
          version: ticket.version,
          input: { text: '辖区派出所值班室 021-62718110', source: 'information_file', infoEntryId },
        },
      );
    const foreign = await answer(other.infoEntry.id);
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ error: { code: 'unknown_info_entry' } });
    const answered = await answer(world.infoEntry.id);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.ticket).toMatchObject({
      state: 'answered',
      answer: { source: 'information_file', infoEntryId: world.infoEntry.id },
    });
  });
});

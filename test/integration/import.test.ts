import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxType } from '../../functions/directory/import/read-sheet.ts';
import { recountProperty } from '../../functions/directory/recount.ts';
import { runJob } from '../../functions/jobs/run.ts';
import { ddb } from '../../functions/shared/db.ts';
import { keys, propertyPrefix, tableName } from '../../functions/shared/table.ts';
import { app, asSystem, call } from '../support/api.ts';
import { partitionItems } from '../support/faults-records.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

const header =
  'building_code,building_name,floors,room,floor,area_sqm,unit_type,household_kind,household_name,household_phone,move_in_date';
const chineseHeader = '楼栋编号,楼栋名称,楼层数,房号,所在楼层,面积,类型,住户类型,住户姓名,联系电话,入住日期';
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

interface Report {
  dryRun: boolean;
  rows: number;
  errors: { row: number; field: string; message: string }[];
  summary: Record<
    'buildings' | 'units' | 'households',
    { create: number; update: number; unchanged: number }
  >;
  importId: string | null;
  transactions: number;
}
interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> & Partial<Report> };
}

/** Uploads a file the way the dashboard does: the raw bytes as the body. */
async function upload(
  world: PropertyWorld,
  file: string | Uint8Array<ArrayBuffer>,
  options: { dryRun?: boolean; type?: string; token?: string } = {},
) {
  const response = await app.request(
    `/api/directory/properties/${world.property.id}/imports?dryRun=${options.dryRun ?? false}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token ?? world.tokens.property_manager}`,
        'content-type': options.type ?? 'text/csv',
      },
      body: file,
    },
  );
  return {
    status: response.status,
    body: (await response.json()) as Report & ErrorBody,
    headers: response.headers,
  };
}

/** Every item of the property's partitions (records, guards, audit), storage attributes included. */
async function items(world: PropertyWorld) {
  const pk = propertyPrefix(world.property.id);
  return (await Promise.all([partitionItems(pk), partitionItems(`${pk}#UNIQUE`)])).flat();
}

const records = async (world: PropertyWorld) =>
  (await items(world)).filter((i) => !String(i.sk).startsWith('AUDIT#'));
/** What the property holds, without the import runs' own history (`IMPORT#<importId>`). */
const estate = async (world: PropertyWorld) =>
  (await records(world)).filter((i) => !String(i.sk).startsWith('IMPORT#'));
const auditOf = async (world: PropertyWorld) =>
  (await items(world)).filter((i) => String(i.sk).startsWith('AUDIT#'));

const stats = async (world: PropertyWorld) =>
  (
    await call<Record<string, number>>(
      world.tokens.front_desk,
      'GET',
      `/api/directory/properties/${world.property.id}/stats`,
    )
  ).body;

/** The figures kept on write agree with a recount from the records (which then finds nothing to fix). */
async function expectFiguresTrue(world: PropertyWorld) {
  expect((await asSystem(() => recountProperty(world.property.id))).changed).toBe(false);
}

const unitsByRoom = async (world: PropertyWorld) => {
  const list = await call<{ items: Record<string, unknown>[] }>(
    world.tokens.front_desk,
    'GET',
    `/api/directory/properties/${world.property.id}/units?limit=100`,
  );
  return new Map(list.body.items.map((u) => [u.roomCode as string, u]));
};

describe('checking a file', () => {
  let world: PropertyWorld;
  beforeAll(async () => {
    world = await makeProperty('IMA');
  });

  it('property manager: a dry run lists every bad row with its row number and changes nothing', async () => {
    const before = await items(world);
    const file = csv(
      header,
      '3,3号楼,14,1401,14,89.5,住宅,,,,', // 2: building 3 already has a unit on floor 15
      '3,3号楼,14,1402,15,89.5,住宅,,,,', // 3: above the top floor given
      '7,7号楼,10,0101,1,abc,住宅,,,,', // 4: not an area
      '7,7号楼,10,0102,1,50,别墅,,,,', // 5: unknown unit type
      '7,7号楼,10,0103,1,50,住宅,业主,李雷,,', // 6: household without phone
      '7,7号楼,10,0104,1,50.25,住宅,,,,', // 7: fine
      '7,七号楼,10,0104,2,50,住宅,,,,', // 8: building named otherwise, room of row 7 again
    );
    const reply = await upload(world, file, { dryRun: true });
    expect(reply.status).toBe(200);
    expect(reply.body.dryRun).toBe(true);
    expect(reply.body.rows).toBe(7);
    expect(reply.body.errors.map(({ row, field }) => [row, field])).toEqual([
      [2, 'floors'],
      [3, 'floor'],
      [4, 'area_sqm'],
      [5, 'unit_type'],
      [6, 'household_phone'],
      [8, 'building_name'],
      [8, 'room'],
    ]);
    expect(reply.body.errors[0]?.message).toBe('Building 3 has units on floor 15; it cannot have 14 floors');
    expect(reply.body.summary).toEqual({
      buildings: { create: 1, update: 1, unchanged: 0 },
      units: { create: 2, update: 0, unchanged: 0 },
      households: { create: 0, update: 0, unchanged: 0 },
    });
    expect(await items(world)).toEqual(before);
  });

  it('property manager: importing a file with errors is refused with all of them, and nothing is written', async () => {
    const before = await items(world);
    const reply = await upload(
      world,
      csv(header, '3,3号楼,20,1601,16,89.5,住宅,,,,', '3,3号楼,20,1602,16,-1,住宅,,,,'),
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('import_invalid');
    expect(reply.body.error.details).toMatchObject({
      rows: 2,
      errors: [{ row: 3, field: 'area_sqm' }],
      summary: { units: { create: 1 } },
    });
    expect(await items(world)).toEqual(before); // the import lock is gone again, too
  });

  it('front desk: may not import (no directory.import)', async () => {
    const reply = await upload(world, csv(header, '3,3号楼,20,1601,16,89.5,住宅,,,,'), {
      token: world.tokens.front_desk,
      dryRun: true,
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('forbidden');
  });

  it('property manager: a body that is not CSV or XLSX is a 415, one over 4 MB a 413 that says the limit', async () => {
    const json = await upload(world, '{"rows":[]}', { type: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('unsupported_media_type');
    const huge = await upload(world, `${header}\n${'x'.repeat(6 * 1024 * 1024)}`);
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    expect(huge.body.error.message).toContain('4 MB');
  });
});

describe('importing', () => {
  let world: PropertyWorld;
  beforeAll(async () => {
    world = await makeProperty('IMB');
  });

  const onboarding = csv(
    chineseHeader,
    '5,5号楼,18,0101,1,89.5,住宅,业主,张伟,13900000001,2024/5/1',
    '5,5号楼,18,0102,1,1.15,储藏室,,,,',
    '5,5号楼,18,1801,18,120.05,住宅,租户,刘洋,139 0000 0002,',
    '3,3号楼,20,1503,15,104.2,住宅,租户,李雷,13900000003,2024-06-01', // the vacant unit gets a tenant
    '3,3号楼,20,1502,15,89.5,住宅,业主,王芳,13812345678,2023-04-01', // exactly as stored
  );

  it('property manager: a CSV saved by Excel (UTF-8 with BOM, Chinese headers) creates what it describes', async () => {
    const before = await stats(world);
    const reply = await upload(world, `\uFEFF${onboarding}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ dryRun: false, rows: 5, errors: [], transactions: 1 });
    expect(reply.body.summary).toEqual({
      buildings: { create: 1, update: 0, unchanged: 1 },
      units: { create: 3, update: 0, unchanged: 2 },
      households: { create: 3, update: 0, unchanged: 1 },
    });
    const units = await unitsByRoom(world);
    expect(units.get('5-0102')).toMatchObject({ areaSqmX100: 115, type: 'storage', occupancy: 'vacant' });
    expect(units.get('5-1801')).toMatchObject({
      areaSqmX100: 12005,
      occupancy: 'occupied',
      activeHouseholds: 1,
    });
    expect(units.get('3-1503')).toMatchObject({ occupancy: 'occupied', activeHouseholds: 1 });
    expect(units.get('5-0101')?.importId).toBe(reply.body.importId); // what was imported, and by which import
    expect(await stats(world)).toEqual({
      buildings: before.buildings! + 1,
      units: before.units! + 3,
      households: before.households! + 3,
      occupiedUnits: before.occupiedUnits! + 3,
    });
    await expectFiguresTrue(world);
  });

  it('property manager: importing the same file twice changes nothing the second time', async () => {
    const before = await items(world);
    const reply = await upload(world, `\uFEFF${onboarding}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ importId: null, transactions: 0 });
    expect(reply.body.summary).toEqual({
      buildings: { create: 0, update: 0, unchanged: 2 },
      units: { create: 0, update: 0, unchanged: 5 },
      households: { create: 0, update: 0, unchanged: 4 },
    });
    expect(await items(world)).toEqual(before); // no record, no audit entry, no lock left
  });

  it('property manager: a corrected file updates what changed, under the record versions', async () => {
    const corrected = onboarding
      .replace('5,5号楼,18,0102,1,1.15,', '5,5号楼,18,0102,1,1.25,')
      .replaceAll('5,5号楼,18', '5,5号楼（东）,18')
      .replace('租户,刘洋', '业主,刘洋');
    const dry = await upload(world, corrected, { dryRun: true });
    expect(dry.body.summary).toEqual({
      buildings: { create: 0, update: 1, unchanged: 1 },
      units: { create: 0, update: 1, unchanged: 4 },
      households: { create: 0, update: 1, unchanged: 3 },
    });
    const before = await stats(world);
    const reply = await upload(world, corrected);
    expect(reply.status).toBe(200);
    const unit = (await unitsByRoom(world)).get('5-0102')!;
    expect(unit).toMatchObject({ areaSqmX100: 125, version: 2 });
    const audit = await auditOf(world);
    const entry = audit.find((a) => a.entityId === reply.body.importId && a.action === 'directory.import');
    expect(entry?.after).toMatchObject({
      transaction: 1,
      of: 1,
      created: { buildings: 0, units: 0, households: 0 },
    });
    expect(JSON.stringify(entry)).toContain('5号楼（东）');
    expect(await stats(world)).toEqual(before);
    await expectFiguresTrue(world);
  });

  it('property manager: an XLSX workbook built in Excel is imported from its first worksheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('房屋清单');
    sheet.addRow(chineseHeader.split(','));
    sheet.addRow([
      '6',
      '6号楼',
      11,
      '0301',
      3,
      76.3,
      '住宅',
      '业主',
      '赵敏',
      13900000011,
      new Date(Date.UTC(2024, 0, 15)),
    ]);
    sheet.addRow(['6', '6号楼', 11, 'B101', 'B1', 12.5, '车位']);
    const reply = await upload(world, new Uint8Array(await workbook.xlsx.writeBuffer()), { type: xlsxType });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.summary.units.create).toBe(2);
    const units = await unitsByRoom(world);
    expect(units.get('6-0301')).toMatchObject({ areaSqmX100: 7630, floor: 3, occupancy: 'occupied' });
    expect(units.get('6-B101')).toMatchObject({ floor: -1, type: 'parking' });
    await expectFiguresTrue(world);
  });
});

/** 4 buildings × 30 floors × 5 rooms, two of every three with a household. */
function bigFile(rooms = 600, building = (i: number) => String.fromCharCode(65 + Math.floor(i / 150))) {
  const lines = [header];
  for (let i = 0; i < rooms; i++) {
    const floor = Math.floor((i % 150) / 5) + 1;
    const room = `${String(floor).padStart(2, '0')}0${(i % 5) + 1}`;
    const household = i % 3 === 2 ? ',,,' : `owner,住户${i},139${String(i).padStart(8, '0')},2024-01-01`;
    lines.push(
      `${building(i)},${building(i)}座,30,${room},${floor},${80 + (i % 40)}.${i % 100},住宅,${household}`,
    );
  }
  return csv(...lines);
}

describe('a large import', () => {
  let world: PropertyWorld;
  beforeAll(async () => {
    world = await makeProperty('IMC');
  });

  it('property manager: 600 rows go in as several transactions, and the figures are right afterwards', async () => {
    const before = await stats(world);
    const started = performance.now();
    const reply = await upload(world, bigFile());
    const ms = performance.now() - started;
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(200);
    console.info(
      `600-row import: ${ms.toFixed(0)} ms, ${reply.body.transactions} transactions, ${reply.headers.get('server-timing')}`,
    );
    expect(reply.body.summary.units.create).toBe(600);
    expect(reply.body.summary.households.create).toBe(400);
    expect(reply.body.transactions).toBeGreaterThan(6);
    expect(await stats(world)).toEqual({
      buildings: before.buildings! + 4,
      units: before.units! + 600,
      households: before.households! + 400,
      occupiedUnits: before.occupiedUnits! + 400,
    });
    await expectFiguresTrue(world);
    const entries = (await auditOf(world)).filter(
      (a) => a.entityId === reply.body.importId && a.action === 'directory.import',
    );
    expect(entries).toHaveLength(reply.body.transactions);
    const tagged = (await records(world)).filter(
      (i) => i.importId === reply.body.importId && i.recordType !== 'importUndo',
    );
    expect(tagged).toHaveLength(4 * 2 + 600 * 2 + 400); // buildings and units with their guards, households
  }, 120_000);
});

describe('when an import cannot finish', () => {
  let world: PropertyWorld;
  beforeAll(async () => {
    world = await makeProperty('IMD');
  });

  const strip = (all: Record<string, unknown>[]) =>
    all
      .map(({ version, updatedAt, expiresAt, ...rest }) => rest)
      .sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));

  it('property manager: a failed chunk leaves nothing behind', async () => {
    const file = csv(
      header,
      '3,3号楼,20,1502,15,91,住宅,业主,王芳,13812345678,2023-04-01', // an update in the first transaction
      '3,3号楼,20,1503,15,104.2,住宅,租户,李雷,13900000003,', // a move-in into an existing unit
      ...bigFile(300, (i) => (i < 150 ? 'P' : 'Q'))
        .split('\r\n')
        .slice(1, -1),
    );
    // Someone else creates room Q-3005 (in the last transaction) while the import runs.
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.propertyUnique(world.property.id, 'room', 'Q-3005'), unitId: 'someoneelse' },
      }),
    );
    const beforeItems = await estate(world);
    const beforeStats = await stats(world);
    const beforeUnit = (await unitsByRoom(world)).get('3-1502')!;

    const reply = await upload(world, file);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(409);
    expect(reply.body.error.code).toBe('import_conflict');
    expect(reply.body.error.details).toMatchObject({
      reason: { code: 'duplicate_room', message: 'Room Q-3005 already exists' },
      leftovers: [],
    });
    expect(reply.body.error.details.transaction).toBe(reply.body.error.details.of);
    expect(reply.body.error.details.of).toBeGreaterThan(2);

    expect(strip(await estate(world))).toEqual(strip(beforeItems)); // no journal, no lock left either
    expect((await latest(world)).import).toMatchObject({
      id: reply.body.error.details.importId,
      state: 'rolled_back',
      interrupted: false,
      reason: { code: 'duplicate_room' },
    });
    expect(await stats(world)).toEqual(beforeStats);
    await expectFiguresTrue(world);
    // The restored unit moved on to a new version, so an edit based on the import's version is refused.
    const unit = (await unitsByRoom(world)).get('3-1502')!;
    expect(unit).toMatchObject({
      areaSqmX100: beforeUnit.areaSqmX100,
      version: (beforeUnit.version as number) + 2,
    });
    const actions = (await auditOf(world)).map((a) => a.action);
    expect(actions).toContain('directory.import');
    expect(actions).toContain('directory.import.rollback');
  });

  it('property manager: of two imports started together, one runs and the other gets 409', async () => {
    const file = bigFile(150, () => 'R');
    const replies = await Promise.all([upload(world, file), upload(world, file)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)?.body.error.code).toBe('import_in_progress');
    await expectFiguresTrue(world);
  });

  it('property manager: a second import while one runs gets 409 import_in_progress', async () => {
    const lock = {
      ...keys.importLock(world.property.id),
      importId: 'otherimport',
      holder: 'otherimport',
      instance: 'another-process',
      actorName: '李经理',
      startedAt: new Date().toISOString(),
      heartbeatAt: Date.now(),
    };
    await ddb().send(new PutCommand({ TableName: tableName(), Item: lock }));
    const reply = await upload(world, csv(header, '3,3号楼,20,1601,16,89.5,住宅,,,,'));
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({ code: 'import_in_progress', details: { startedBy: '李经理' } });
    expect((await unitsByRoom(world)).has('3-1601')).toBe(false);
    // A dry run reads only: it is not held up by a running import.
    expect(
      (await upload(world, csv(header, '3,3号楼,20,1601,16,89.5,住宅,,,,'), { dryRun: true })).status,
    ).toBe(200);
    await ddb().send(new DeleteCommand({ TableName: tableName(), Key: keys.importLock(world.property.id) }));
  });
});

/**
 * The database goes away under the running host after `committed` transactions of the import have
 * gone in (the first TransactWriteItems takes the lock): every later call fails, as with DynamoDB
 * Local killed, so the run can neither finish nor take anything back. `restore` brings it back.
 */
function cutDatabaseAfter(committed: number) {
  let transactions = 0;
  let down = false;
  ddb().middlewareStack.add(
    (next, context) => async (args) => {
      if (down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { name: 'NetworkingError' });
      const out = await next(args);
      if (/^TransactWrite/.test(context.commandName ?? '') && ++transactions === committed + 1) down = true;
      return out;
    },
    { step: 'initialize', name: 'cutDatabase' },
  );
  return { restore: () => ddb().middlewareStack.remove('cutDatabase') };
}

const latest = async (world: PropertyWorld) =>
  (
    await call<{ import: Record<string, unknown> | null }>(
      world.tokens.property_manager,
      'GET',
      `/api/directory/properties/${world.property.id}/imports/latest`,
    )
  ).body;

describe('an import cut off by a crash', () => {
  let world: PropertyWorld;
  beforeAll(async () => {
    world = await makeProperty('IME');
  });
  const file = bigFile();

  async function crashedImport(afterTransactions: number) {
    const database = cutDatabaseAfter(afterTransactions);
    try {
      const reply = await upload(world, file);
      expect(reply.status).toBeGreaterThanOrEqual(500);
    } finally {
      database.restore();
    }
    // What the crash left: part of the estate, the lock and the journal of what went in.
    const left = await records(world);
    expect(left.filter((i) => i.recordType === 'unit' && i.importId).length).toBeGreaterThan(50);
    expect(left.filter((i) => i.recordType === 'importUndo')).toHaveLength(afterTransactions);
    expect(left.some((i) => i.sk === 'IMPORT_LOCK')).toBe(true);
  }

  it('property manager: the import page finds the cut-off import rolled back (已回滚), nothing of it kept', async () => {
    const before = await estate(world);
    const beforeStats = await stats(world);
    await crashedImport(3);
    const status = await latest(world);
    expect(status.import).toMatchObject({
      state: 'rolled_back',
      interrupted: true,
      reason: { code: 'import_interrupted' },
      leftovers: [],
      startedBy: world.staff.property_manager.name,
    });
    expect(await estate(world)).toEqual(before); // no unit, no journal, no lock
    expect(await stats(world)).toEqual(beforeStats);
    await expectFiguresTrue(world);
    const actions = (await auditOf(world)).map((a) => a.action);
    expect(actions).toContain('directory.import.recover');
    expect(actions.filter((a) => a === 'directory.import.rollback')).toHaveLength(3);
  });

  it('property manager: importing again right after a crash rolls the cut-off import back and imports the file', async () => {
    const beforeStats = await stats(world);
    await crashedImport(2);
    const reply = await upload(world, file);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
    expect(reply.body.summary.units.create).toBe(600);
    expect(await stats(world)).toEqual({
      ...beforeStats,
      buildings: beforeStats.buildings! + 4,
      units: beforeStats.units! + 600,
      households: beforeStats.households! + 400,
      occupiedUnits: beforeStats.occupiedUnits! + 400,
    });
    await expectFiguresTrue(world);
    expect((await latest(world)).import).toMatchObject({ id: reply.body.importId, state: 'completed' });
    expect((await records(world)).some((i) => i.sk === 'IMPORT_LOCK')).toBe(false);
  }, 120_000);
});

describe('an import cut off in another process', () => {
  let world: PropertyWorld;
  beforeAll(async () => {
    world = await makeProperty('IMF');
  });

  /** Makes the lock look like another process's: beating `ago` ms ago. */
  const moveLock = (heartbeatAt: number) =>
    ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.importLock(world.property.id),
        UpdateExpression: 'SET instance = :other, heartbeatAt = :beat',
        ExpressionAttributeValues: { ':other': 'another-process', ':beat': heartbeatAt },
      }),
    );

  it('property manager: a lock that still beats holds; one silent past the Lambda timeout is recovered, by the next import or the recovery job', async () => {
    const before = await estate(world);
    const database = cutDatabaseAfter(2);
    try {
      expect(
        (
          await upload(
            world,
            bigFile(150, () => 'U'),
          )
        ).status,
      ).toBeGreaterThanOrEqual(500);
    } finally {
      database.restore();
    }
    await moveLock(Date.now());
    const held = await upload(world, csv(header, '3,3号楼,20,1601,16,89.5,住宅,,,,'));
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('import_in_progress');
    expect((await latest(world)).import).toMatchObject({ state: 'running' });

    await moveLock(Date.now() - 10 * 60_000);
    const job = await runJob({ job: 'import-recovery' });
    expect(job.changed).toBe(1);
    expect(await estate(world)).toEqual(before);
    expect((await latest(world)).import).toMatchObject({ state: 'rolled_back', interrupted: true });
    expect((await runJob({ job: 'import-recovery' })).changed).toBe(0); // nothing left to recover
    await expectFiguresTrue(world);
  });
});

import { createBuilding } from '../../functions/directory/buildings.ts';
import { createHousehold } from '../../functions/directory/households.ts';
import { createProperty, visiblePropertyIds } from '../../functions/directory/properties.ts';
import type { Property } from '../../functions/directory/records.ts';
import type { departments } from '../../functions/directory/schemas.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import { createUnit } from '../../functions/directory/units.ts';
import { withActor } from '../../functions/shared/actor.ts';
import type { Role } from '../../functions/shared/permissions.ts';
import { companyActor } from './company-actor.ts';
import { seedBilling } from './seed-billing.ts';
import { seedInfoFile } from './seed-info-file.ts';
import { seedDemoTickets } from './seed-tickets.ts';

/** The demo company: three properties in two cities, every role in every property, and a head office. */
const demoProperties = [
  {
    code: 'SHJA',
    name: '静安悦府',
    city: '上海',
    address: '上海市静安区常德路 800 号',
    hotline: '021-62880001',
    buildings: [
      { code: '1', name: '1号楼', floors: 18 },
      { code: '2', name: '2号楼', floors: 18 },
      { code: '3', name: '3号楼', floors: 24 },
    ],
  },
  {
    code: 'SHPD',
    name: '浦东滨江苑',
    city: '上海',
    address: '上海市浦东新区滨江大道 2727 号',
    hotline: '021-58880002',
    buildings: [
      { code: 'A', name: 'A座', floors: 30 },
      { code: 'B', name: 'B座', floors: 26 },
    ],
  },
  {
    code: 'HZXH',
    name: '西湖翠苑',
    city: '杭州',
    address: '杭州市西湖区文三路 398 号',
    hotline: '0571-88880003',
    buildings: [
      { code: '1', name: '1幢', floors: 11 },
      { code: '2', name: '2幢', floors: 11 },
      { code: '3', name: '3幢', floors: 15 },
    ],
  },
];

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const givenNames =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华文辉玉兰志强海燕丹红梅鑫晨宇浩然子涵思远欣怡雨桐梓萱'.match(
    /../g,
  )!;

/** A small deterministic generator, so every fresh demo looks the same. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export const demoPassword = 'propdesk';
export const demoDomain = 'demo.propdesk.cn';

interface DemoAccount {
  email: string;
  name: string;
  roles: Role[];
  department: (typeof departments)[number];
}

function accountsFor(code: string, rnd: () => number): DemoAccount[] {
  const name = () =>
    surnames[Math.floor(rnd() * surnames.length)]! + givenNames[Math.floor(rnd() * givenNames.length)]!;
  const c = code.toLowerCase();
  return [
    {
      email: `manager.${c}@${demoDomain}`,
      name: name(),
      roles: ['property_manager'],
      department: 'management',
    },
    {
      email: `frontdesk.${c}@${demoDomain}`,
      name: name(),
      roles: ['front_desk'],
      department: 'customer_service',
    },
    {
      email: `frontdesk2.${c}@${demoDomain}`,
      name: name(),
      roles: ['front_desk'],
      department: 'customer_service',
    },
    { email: `tech.${c}@${demoDomain}`, name: name(), roles: ['technician'], department: 'engineering' },
    { email: `tech2.${c}@${demoDomain}`, name: name(), roles: ['technician'], department: 'engineering' },
    { email: `finance.${c}@${demoDomain}`, name: name(), roles: ['finance'], department: 'finance' },
    { email: `security.${c}@${demoDomain}`, name: name(), roles: ['security'], department: 'security' },
    // The team lead (客服主管) is front desk too; the lead role first names them in the top bar.
    {
      email: `lead.${c}@${demoDomain}`,
      name: name(),
      roles: ['service_lead', 'front_desk'],
      department: 'customer_service',
    },
    // A second finance person (last, so the other demo names stay as they were): a void, a refund or a
    // shift's cash variance is approved by someone other than who asked.
    { email: `finance2.${c}@${demoDomain}`, name: name(), roles: ['finance'], department: 'finance' },
  ];
}

async function seedProperty(demo: (typeof demoProperties)[number], index: number) {
  const rnd = random(index + 7);
  const phone = () => `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
  const person = () =>
    surnames[Math.floor(rnd() * surnames.length)]! + givenNames[Math.floor(rnd() * givenNames.length)]!;
  const { buildings, ...fields } = demo;
  const property: Property = await createProperty(fields);
  for (const b of buildings) {
    const building = await createBuilding({ propertyId: property.id, building: b });
    for (let floor = 1; floor <= b.floors; floor++) {
      for (let n = 1; n <= 4; n++) {
        const room = `${floor}${String(n).padStart(2, '0')}`;
        const unit = await createUnit({
          propertyId: property.id,
          unit: {
            buildingId: building.id,
            room,
            floor,
            areaSqmX100: [8950, 10420, 12860, 14375][n - 1]!,
            type: 'residential',
          },
        });
        if (rnd() < 0.82) {
          const tenant = rnd() < 0.2;
          await createHousehold({
            propertyId: property.id,
            household: {
              unitId: unit.id,
              kind: tenant ? 'tenant' : 'owner',
              name: person(),
              phone: phone(),
              moveInDate: `20${String(12 + Math.floor(rnd() * 13)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15`,
              status: 'active',
            },
          });
        }
      }
    }
  }
  const staff = [];
  for (const account of accountsFor(demo.code, rnd)) {
    staff.push(await createStaff({ ...account, phone: phone(), propertyIds: [property.id] }));
  }
  await seedDemoTickets(property);
  await seedInfoFile(property);
  // Finance set the fee standards up: their name is on each version, as it would be.
  const finance = staff.find((s) => s.roles.includes('finance'))!;
  await withActor(
    { staffId: finance.id, name: finance.name, roles: finance.roles, propertyIds: [property.id] },
    () => seedBilling(property),
  );
  return property;
}

/** Seeds the demo company once: a table that already has properties is left as it is. */
export async function seedDemo(): Promise<boolean> {
  return withActor(companyActor, async () => {
    if ((await visiblePropertyIds()).length > 0) return false;
    await createStaff({
      email: `hq@${demoDomain}`,
      name: '总部 周海',
      phone: '13900000001',
      department: 'management',
      roles: ['head_office'],
      propertyIds: [],
    });
    // One property after another: concurrent transactions made DynamoDB Local give up waiting for its
    // lock ("took too long waiting for a lock") on a loaded machine, and the host did not start.
    for (const [i, p] of demoProperties.entries()) await seedProperty(p, i);
    return true;
  });
}

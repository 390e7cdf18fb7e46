import { beforeAll, describe, expect, it } from 'vitest';
import { columnNames, columns } from '../../functions/directory/import/columns.ts';
import { app } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('IN');
});

interface Report {
  dryRun: boolean;
  errors: { row: number; field: string; code: string; params?: Record<string, unknown>; message: string }[];
  summary: Record<'buildings' | 'units' | 'households', { create: number }>;
}

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const headerIn = (l: 'zh' | 'en') => columns.map((c) => `"${columnNames[c][l]}"`).join(',');

async function upload(file: string, dryRun: boolean) {
  const response = await app.request(
    `/api/directory/properties/${world.property.id}/imports?dryRun=${dryRun}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${world.tokens.property_manager}`, 'content-type': 'text/csv' },
      body: file,
    },
  );
  return { status: response.status, body: (await response.json()) as Report };
}

describe('importing a sheet headed as the import page shows it', () => {
  it.each(['zh', 'en'] as const)(
    'property manager: a sheet with the page’s %s column names is accepted',
    async (l) => {
      const reply = await upload(
        csv(
          headerIn(l),
          `8${l === 'zh' ? 1 : 2},8号楼,18,1502,15,89.5,住宅,业主,王芳,13812345678,2024-05-01`,
        ),
        true,
      );
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body.errors).toEqual([]);
      expect(reply.body.summary.units.create).toBe(1);
      expect(reply.body.summary.households.create).toBe(1);
    },
  );

  it('property manager: 楼栋总层数 and 房间类型 import for real', async () => {
    const reply = await upload(
      csv(
        '楼栋编号,楼栋名称,楼栋总层数,房号,所在楼层,建筑面积（平方米）,房间类型',
        '9,9号楼,12,0301,3,60,商铺',
      ),
      false,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.summary.units.create).toBe(1);
  });

  it('property manager: each bad row comes back with a stable code and its values, and the English message', async () => {
    const reply = await upload(
      csv(
        headerIn('zh'),
        '8,8号楼,18,1503,15,50,住宅,,,,',
        '8,8号楼,18,1504,15,abc,别墅,,,,',
        '8,八号楼,18,1505,15,50,住宅,,,,',
      ),
      true,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.errors.map(({ row, field, code, params }) => ({ row, field, code, params }))).toEqual([
      { row: 3, field: 'area_sqm', code: 'not_an_area', params: { value: 'abc' } },
      { row: 3, field: 'unit_type', code: 'not_a_unit_type', params: { value: '别墅' } },
      {
        row: 4,
        field: 'building_name',
        code: 'building_named_otherwise',
        params: { building: '8', name: '8号楼', row: 2 },
      },
    ]);
    expect(reply.body.errors[0]?.message).toBe('"abc" is not an area in m² (e.g. 89.5)');
  });
});

import { z } from '@hono/zod-openapi';
import { useActor } from '../shared/actor.ts';
import { createDomain } from '../shared/http.ts';
import { jsonBody, ok, pageSchema, recordSchema } from '../shared/openapi.ts';
import { can, type Permission, permissions } from '../shared/permissions.ts';
import { keys, skPrefix } from '../shared/table.ts';
import { createBuilding, getBuilding, listBuildings, updateBuilding } from './buildings.ts';
import { createHousehold, getHousehold, listHouseholds, revealPhone, updateHousehold } from './households.ts';
import { registerImportRoutes } from './import/routes.ts';
import {
  createProperty,
  getProperty,
  listProperties,
  overview,
  propertyStats,
  readInProperty,
  updateProperty,
  visiblePropertyIds,
} from './properties.ts';
import {
  buildingCreate,
  buildingUpdate,
  householdCreate,
  householdQuery,
  householdUpdate,
  id,
  pageQuery,
  propertyCreate,
  propertyUpdate,
  staffCreate,
  staffUpdate,
  unitCreate,
  unitQuery,
  unitUpdate,
} from './schemas.ts';
import { createStaff, getStaff, listPropertyStaff, updateStaff } from './staff.ts';
import { createUnit, getUnit, listUnits, updateUnit } from './units.ts';

export const directory = createDomain('directory');

const property = z.object({ propertyId: id });
const building = property.extend({ buildingId: id });
const unit = property.extend({ unitId: id });
const household = property.extend({ householdId: id });
const staff = z.object({ staffId: id });

directory.route(
  {
    method: 'get',
    path: '/me',
    permission: 'signedIn',
    responses: ok(recordSchema, 'The caller, their properties and permissions'),
  },
  async (c) => {
    const actor = useActor();
    const [{ items }, staffRecord] = await Promise.all([
      listProperties({ limit: 100 }),
      actor.staffId === 'system' ? undefined : getStaff(actor.staffId).catch(() => undefined),
    ]);
    return c.json({
      staff: staffRecord ?? { id: actor.staffId, name: actor.name, roles: actor.roles },
      properties: items.map(({ id, code, name, city }) => ({ id, code, name, city })),
      permissions: (Object.keys(permissions) as Permission[]).filter((p) => can(actor.roles, p)),
    });
  },
);

directory.route(
  {
    method: 'get',
    path: '/overview',
    permission: 'property.read',
    responses: ok(recordSchema, 'Every visible property with its figures'),
  },
  async (c) => c.json({ items: await overview() }),
);

directory.route(
  {
    method: 'get',
    path: '/properties',
    permission: 'property.read',
    request: { query: pageQuery },
    responses: ok(pageSchema, 'Properties the caller may see'),
  },
  async (c) => c.json(await listProperties(c.req.valid('query'))),
);

directory.route(
  {
    method: 'post',
    path: '/properties',
    permission: 'property.create',
    request: jsonBody(propertyCreate),
    responses: ok(recordSchema, 'The new property', 201),
  },
  async (c) => c.json(await createProperty(c.req.valid('json')), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}',
    permission: 'property.read',
    request: { params: property },
    responses: ok(recordSchema, 'The property'),
  },
  async (c) => c.json(await getProperty(c.req.valid('param').propertyId)),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}',
    permission: 'property.update',
    request: { params: property, ...jsonBody(propertyUpdate) },
    responses: ok(recordSchema, 'The changed property'),
  },
  async (c) => c.json(await updateProperty({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/stats',
    permission: 'property.read',
    request: { params: property },
    responses: ok(recordSchema, 'Buildings, units, households and occupied units'),
  },
  async (c) => c.json(await propertyStats(c.req.valid('param').propertyId)),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/audit',
    permission: 'audit.read',
    request: { params: property, query: pageQuery },
    responses: ok(pageSchema, 'Audit trail, newest first'),
  },
  async (c) => {
    const { propertyId } = c.req.valid('param');
    return c.json(
      await readInProperty(propertyId, (store) =>
        store.query({
          partition: keys.property(propertyId).pk,
          beginsWith: skPrefix.audit,
          newestFirst: true,
          ...c.req.valid('query'),
        }),
      ),
    );
  },
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/buildings',
    permission: 'building.read',
    request: { params: property, query: pageQuery },
    responses: ok(pageSchema, 'Buildings of the property'),
  },
  async (c) => c.json(await listBuildings({ ...c.req.valid('param'), page: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/buildings',
    permission: 'building.write',
    request: { params: property, ...jsonBody(buildingCreate) },
    responses: ok(recordSchema, 'The new building', 201),
  },
  async (c) => c.json(await createBuilding({ ...c.req.valid('param'), building: c.req.valid('json') }), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/buildings/{buildingId}',
    permission: 'building.read',
    request: { params: building },
    responses: ok(recordSchema, 'The building'),
  },
  async (c) => c.json(await getBuilding(c.req.valid('param'))),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}/buildings/{buildingId}',
    permission: 'building.write',
    request: { params: building, ...jsonBody(buildingUpdate) },
    responses: ok(recordSchema, 'The changed building'),
  },
  async (c) => c.json(await updateBuilding({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/units',
    permission: 'unit.read',
    request: { params: property, query: unitQuery },
    responses: ok(pageSchema, 'Units by room-code prefix, by building, or all in room order'),
  },
  async (c) => c.json(await listUnits({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/units',
    permission: 'unit.write',
    request: { params: property, ...jsonBody(unitCreate) },
    responses: ok(recordSchema, 'The new unit', 201),
  },
  async (c) => c.json(await createUnit({ ...c.req.valid('param'), unit: c.req.valid('json') }), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/units/{unitId}',
    permission: 'unit.read',
    request: { params: unit },
    responses: ok(recordSchema, 'The unit with its households'),
  },
  async (c) => c.json(await getUnit(c.req.valid('param'))),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}/units/{unitId}',
    permission: 'unit.write',
    request: { params: unit, ...jsonBody(unitUpdate) },
    responses: ok(recordSchema, 'The changed unit'),
  },
  async (c) => c.json(await updateUnit({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/households',
    permission: 'household.read',
    request: { params: property, query: householdQuery },
    responses: ok(pageSchema, 'Households, phones masked'),
  },
  async (c) => c.json(await listHouseholds({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/households',
    permission: 'household.write',
    request: { params: property, ...jsonBody(householdCreate) },
    responses: ok(recordSchema, 'The new household', 201),
  },
  async (c) =>
    c.json(await createHousehold({ ...c.req.valid('param'), household: c.req.valid('json') }), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/households/{householdId}',
    permission: 'household.read',
    request: { params: household },
    responses: ok(recordSchema, 'The household, phone masked'),
  },
  async (c) => c.json(await getHousehold(c.req.valid('param'))),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}/households/{householdId}',
    permission: 'household.write',
    request: { params: household, ...jsonBody(householdUpdate) },
    responses: ok(recordSchema, 'The changed household'),
  },
  async (c) => c.json(await updateHousehold({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/households/{householdId}/reveal-phone',
    permission: 'household.revealPhone',
    request: { params: household },
    responses: ok(recordSchema, 'The full phone number (audited)'),
  },
  async (c) => c.json(await revealPhone(c.req.valid('param'))),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/staff',
    permission: 'staff.read',
    request: { params: property, query: pageQuery },
    responses: ok(pageSchema, 'Staff who belong to the property'),
  },
  async (c) => c.json(await listPropertyStaff({ ...c.req.valid('param'), page: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/staff',
    permission: 'staff.write',
    request: jsonBody(staffCreate),
    responses: ok(recordSchema, 'The new staff member', 201),
  },
  async (c) => c.json(await createStaff(c.req.valid('json')), 201),
);

directory.route(
  {
    method: 'get',
    path: '/staff/{staffId}',
    permission: 'staff.read',
    request: { params: staff },
    responses: ok(recordSchema, 'The staff member'),
  },
  async (c) => c.json(await getStaff(c.req.valid('param').staffId)),
);

directory.route(
  {
    method: 'patch',
    path: '/staff/{staffId}',
    permission: 'staff.write',
    request: { params: staff, ...jsonBody(staffUpdate) },
    responses: ok(recordSchema, 'The changed staff member'),
  },
  async (c) => c.json(await updateStaff({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

registerImportRoutes(directory);

export { visiblePropertyIds };

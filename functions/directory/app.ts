import * as z from 'zod/mini';
import { useActor } from '../shared/actor.ts';
import { createDomain } from '../shared/http.ts';
import { components, jsonBody, ok, page } from '../shared/openapi.ts';
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
  auditRecord,
  buildingCreate,
  buildingRecord,
  buildingUpdate,
  householdCreate,
  householdQuery,
  householdRecord,
  householdUpdate,
  id,
  membershipRecord,
  meRecord,
  overviewRecord,
  pageQuery,
  propertyCreate,
  propertyRecord,
  propertyStatsRecord,
  propertyUpdate,
  revealedPhone,
  staffCreate,
  staffRecord,
  staffUpdate,
  unitCreate,
  unitQuery,
  unitRecord,
  unitUpdate,
  unitWithHouseholds,
} from './schemas.ts';
import { createStaff, getStaff, listPropertyStaff, updateStaff } from './staff.ts';
import { createUnit, getUnit, listUnits, updateUnit } from './units.ts';

export const directory = createDomain('directory');

const property = z.object({ propertyId: id });
const building = z.extend(property, { buildingId: id });
const unit = z.extend(property, { unitId: id });
const household = z.extend(property, { householdId: id });
const staff = z.object({ staffId: id });

directory.route(
  {
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    summary: 'Who the caller is: staff record, properties and permissions',
    permission: 'signedIn',
    responses: ok(meRecord, 'The caller, their properties and permissions'),
  },
  async (c) => {
    const actor = useActor();
    const [{ items }, staffRecord] = await Promise.all([
      listProperties({ limit: 100 }),
      actor.staffId === 'system' ? undefined : getStaff(actor.staffId).catch(() => undefined),
    ]);
    return c.json({
      staff: staffRecord ?? { id: actor.staffId, name: actor.name, roles: actor.roles },
      properties: items.map(({ id, code, name, city, timeZone }) => ({ id, code, name, city, timeZone })),
      permissions: (Object.keys(permissions) as Permission[]).filter((p) => can(actor.roles, p)),
    });
  },
);

directory.route(
  {
    method: 'get',
    path: '/overview',
    operationId: 'getOverview',
    summary: 'Every visible property with its directory figures',
    permission: 'property.read',
    responses: ok(overviewRecord, 'Every visible property with its figures'),
  },
  async (c) => c.json({ items: await overview() }),
);

directory.route(
  {
    method: 'get',
    path: '/properties',
    operationId: 'listProperties',
    summary: 'List the properties the caller may see',
    permission: 'property.read',
    request: { query: pageQuery },
    responses: ok(
      page(propertyRecord).register(components, { id: 'PropertyPage' }),
      'Properties the caller may see',
    ),
  },
  async (c) => c.json(await listProperties(c.req.valid('query'))),
);

directory.route(
  {
    method: 'post',
    path: '/properties',
    operationId: 'createProperty',
    summary: 'Open a new property',
    permission: 'property.create',
    request: jsonBody(propertyCreate),
    responses: ok(propertyRecord, 'The new property', 201),
  },
  async (c) => c.json(await createProperty(c.req.valid('json')), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}',
    operationId: 'getProperty',
    summary: 'Read a property and its settings',
    permission: 'property.read',
    request: { params: property },
    responses: ok(propertyRecord, 'The property'),
  },
  async (c) => c.json(await getProperty(c.req.valid('param').propertyId)),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}',
    operationId: 'updateProperty',
    summary: "Change a property's settings",
    permission: 'property.update',
    request: { params: property, ...jsonBody(propertyUpdate) },
    responses: ok(propertyRecord, 'The changed property'),
  },
  async (c) => c.json(await updateProperty({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/stats',
    operationId: 'getPropertyStats',
    summary: "Count a property's buildings, units and households",
    permission: 'property.read',
    request: { params: property },
    responses: ok(propertyStatsRecord, 'Buildings, units, households and occupied units'),
  },
  async (c) => c.json(await propertyStats(c.req.valid('param').propertyId)),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/audit',
    operationId: 'listAuditEntries',
    summary: "Read a property's audit trail, newest first",
    permission: 'audit.read',
    request: { params: property, query: pageQuery },
    responses: ok(page(auditRecord).register(components, { id: 'AuditPage' }), 'Audit trail, newest first'),
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
    operationId: 'listBuildings',
    summary: "List a property's buildings",
    permission: 'building.read',
    request: { params: property, query: pageQuery },
    responses: ok(
      page(buildingRecord).register(components, { id: 'BuildingPage' }),
      'Buildings of the property',
    ),
  },
  async (c) => c.json(await listBuildings({ ...c.req.valid('param'), page: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/buildings',
    operationId: 'createBuilding',
    summary: 'Add a building to a property',
    permission: 'building.write',
    request: { params: property, ...jsonBody(buildingCreate) },
    responses: ok(buildingRecord, 'The new building', 201),
  },
  async (c) => c.json(await createBuilding({ ...c.req.valid('param'), building: c.req.valid('json') }), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/buildings/{buildingId}',
    operationId: 'getBuilding',
    summary: 'Read a building',
    permission: 'building.read',
    request: { params: building },
    responses: ok(buildingRecord, 'The building'),
  },
  async (c) => c.json(await getBuilding(c.req.valid('param'))),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}/buildings/{buildingId}',
    operationId: 'updateBuilding',
    summary: "Change a building's name or floors",
    permission: 'building.write',
    request: { params: building, ...jsonBody(buildingUpdate) },
    responses: ok(buildingRecord, 'The changed building'),
  },
  async (c) => c.json(await updateBuilding({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/units',
    operationId: 'listUnits',
    summary: 'Find units by room code, by building, or list them all',
    permission: 'unit.read',
    request: { params: property, query: unitQuery },
    responses: ok(
      page(unitRecord).register(components, { id: 'UnitPage' }),
      'Units by room-code prefix, by building, or all in room order',
    ),
  },
  async (c) => c.json(await listUnits({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/units',
    operationId: 'createUnit',
    summary: 'Add a unit to a building',
    permission: 'unit.write',
    request: { params: property, ...jsonBody(unitCreate) },
    errors: { 422: 'The floor is not in the building' },
    responses: ok(unitRecord, 'The new unit', 201),
  },
  async (c) => c.json(await createUnit({ ...c.req.valid('param'), unit: c.req.valid('json') }), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/units/{unitId}',
    operationId: 'getUnit',
    summary: 'Read a unit with its households',
    permission: 'unit.read',
    request: { params: unit },
    responses: ok(unitWithHouseholds, 'The unit with its households'),
  },
  async (c) => c.json(await getUnit(c.req.valid('param'))),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}/units/{unitId}',
    operationId: 'updateUnit',
    summary: "Change a unit's floor, area or type",
    permission: 'unit.write',
    request: { params: unit, ...jsonBody(unitUpdate) },
    errors: { 422: 'The floor is not in the building' },
    responses: ok(unitRecord, 'The changed unit'),
  },
  async (c) => c.json(await updateUnit({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/households',
    operationId: 'listHouseholds',
    summary: 'List households, phones masked',
    permission: 'household.read',
    request: { params: property, query: householdQuery },
    responses: ok(
      page(householdRecord).register(components, { id: 'HouseholdPage' }),
      'Households, phones masked',
    ),
  },
  async (c) => c.json(await listHouseholds({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/households',
    operationId: 'createHousehold',
    summary: 'Register a household in a unit',
    permission: 'household.write',
    request: { params: property, ...jsonBody(householdCreate) },
    responses: ok(householdRecord, 'The new household', 201),
  },
  async (c) =>
    c.json(await createHousehold({ ...c.req.valid('param'), household: c.req.valid('json') }), 201),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/households/{householdId}',
    operationId: 'getHousehold',
    summary: 'Read a household, phone masked',
    permission: 'household.read',
    request: { params: household },
    responses: ok(householdRecord, 'The household, phone masked'),
  },
  async (c) => c.json(await getHousehold(c.req.valid('param'))),
);

directory.route(
  {
    method: 'patch',
    path: '/properties/{propertyId}/households/{householdId}',
    operationId: 'updateHousehold',
    summary: 'Change a household (move out, new phone, ...)',
    permission: 'household.write',
    request: { params: household, ...jsonBody(householdUpdate) },
    responses: ok(householdRecord, 'The changed household'),
  },
  async (c) => c.json(await updateHousehold({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

directory.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/households/{householdId}/reveal-phone',
    operationId: 'revealHouseholdPhone',
    summary: "See a household's full phone number (audited)",
    permission: 'household.revealPhone',
    request: { params: household },
    responses: ok(revealedPhone, 'The full phone number (audited)'),
  },
  async (c) => c.json(await revealPhone(c.req.valid('param'))),
);

directory.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/staff',
    operationId: 'listPropertyStaff',
    summary: 'List the staff who work in a property',
    permission: 'staff.read',
    request: { params: property, query: pageQuery },
    responses: ok(
      page(membershipRecord).register(components, { id: 'MembershipPage' }),
      'Staff who belong to the property',
    ),
  },
  async (c) => c.json(await listPropertyStaff({ ...c.req.valid('param'), page: c.req.valid('query') })),
);

directory.route(
  {
    method: 'post',
    path: '/staff',
    operationId: 'createStaff',
    summary: 'Give a new staff member an account',
    permission: 'staff.write',
    request: jsonBody(staffCreate),
    responses: ok(staffRecord, 'The new staff member', 201),
  },
  async (c) => c.json(await createStaff(c.req.valid('json')), 201),
);

directory.route(
  {
    method: 'get',
    path: '/staff/{staffId}',
    operationId: 'getStaff',
    summary: 'Read a staff member',
    permission: 'staff.read',
    request: { params: staff },
    responses: ok(staffRecord, 'The staff member'),
  },
  async (c) => c.json(await getStaff(c.req.valid('param').staffId)),
);

directory.route(
  {
    method: 'patch',
    path: '/staff/{staffId}',
    operationId: 'updateStaff',
    summary: "Change a staff member's roles, properties or details",
    permission: 'staff.write',
    request: { params: staff, ...jsonBody(staffUpdate) },
    responses: ok(staffRecord, 'The changed staff member'),
  },
  async (c) => c.json(await updateStaff({ ...c.req.valid('param'), changes: c.req.valid('json') })),
);

registerImportRoutes(directory);

export { visiblePropertyIds };

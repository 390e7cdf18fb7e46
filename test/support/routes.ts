import { exampleIds } from '../../functions/directory/schemas.ts';
import { openApiDocument } from '../../functions/platform/openapi.ts';
import type { RouteMeta } from '../../functions/shared/http.ts';
import { loadedDomains } from './api.ts';
import { householdLinks } from './billing.ts';
import type { PropertyWorld } from './world.ts';

type Json = Record<string, unknown>;
const document = openApiDocument(loadedDomains) as unknown as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Json }> } }>>;
  components: { schemas: Record<string, Json> };
};

/** A property's ids by path parameter: every parameter a route may use must be listed here. */
export function pathIds(world: PropertyWorld): Record<string, string> {
  return {
    propertyId: world.property.id,
    buildingId: world.building.id,
    unitId: world.unit.id,
    householdId: world.household.id,
    staffId: world.staff.front_desk.id,
    notificationId: world.notification.id,
    ticketId: world.ticket.id,
    attachmentId: world.attachmentId,
    action: 'verify',
    infoEntryId: world.infoEntry.id,
    kind: 'repairs-daily',
    period: '2026-11-30',
    // Billing: a billing month (YYYY-MM); each billing part adds the ids its routes take below.
    month: '2026-11',
    half: '2026-H2',
    day: '2026-11-12',
    entryId: '0000fundentry0000',
    standardId: world.feeStandard.id,
    meterId: world.meterId,
    // The household view's signed link (test/support/billing.ts billingFixtures), or one that names nothing.
    token: householdLinks.get(world.property.id) ?? 'no~link',
    room: world.unit.roomCode,
    receiptNumber: String(world.receipt.receiptNumber),
    approvalId: world.receipt.id,
    shiftId: world.shift.id,
  };
}

export function fillPath(route: RouteMeta, ids: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = ids[name];
    if (!value) throw new Error(`No fixture id for path parameter {${name}} of ${route.path}`);
    return value;
  });
}

/** The OpenAPI example of a route's JSON body, with the example ids swapped for `world`'s. */
export function exampleBody(
  route: RouteMeta,
  world: PropertyWorld,
): { body?: unknown; raw?: string; type?: string } {
  const operation =
    document.paths[route.path.replace(/^\/api\/[^/]+/, (m) => m)]?.[route.method.toLowerCase()];
  const content = operation?.requestBody?.content;
  if (!content) return {};
  const [type, media] = Object.entries(content)[0]!;
  let schema = media.schema;
  if (typeof schema.$ref === 'string') schema = document.components.schemas[schema.$ref.split('/').pop()!]!;
  const example = (media as Json).example ?? schema.example;
  if (type !== 'application/json') return { raw: typeof example === 'string' ? example : 'x', type };
  if (example === undefined)
    throw new Error(`${route.method} ${route.path}: its body schema needs an OpenAPI example`);
  const swaps = new Map<string, string>([
    [exampleIds.property, world.property.id],
    [exampleIds.building, world.building.id],
    [exampleIds.unit, world.unit.id],
    [exampleIds.household, world.household.id],
    [exampleIds.staff, world.staff.front_desk.id],
  ]);
  return {
    body: JSON.parse(JSON.stringify(example), (_, v) => (typeof v === 'string' ? (swaps.get(v) ?? v) : v)),
  };
}

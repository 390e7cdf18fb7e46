/**
 * The information file (信息档案, issue 3 part 4): per-property entries of useful numbers and local
 * services, from which the front desk answers an inquiry at once. A property has a few hundred entries
 * at most, so a search reads the property's entries with one Query (pages of 100, at most
 * `maxEntries`) and filters them in memory — no index per word, no Scan.
 */
import * as z from 'zod/mini';
import { readInProperty } from '../directory/properties.ts';
import { conflict, unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import type { Domain } from '../shared/http.ts';
import { newId } from '../shared/ids.ts';
import { components, jsonBody, ok, page } from '../shared/openapi.ts';
import { propertyStore, type Store } from '../shared/store.ts';
import { keys, ticketKeys, ticketSkPrefix } from '../shared/table.ts';
import { infoCategories } from './enums.ts';
import { infoEntryItem } from './items.ts';
import { id } from './schemas.ts';

export { infoCategories };
export const infoCategoryLabels: Record<(typeof infoCategories)[number], { zh: string; en: string }> = {
  utilities: { zh: '水电气', en: 'Utilities' },
  police: { zh: '公安', en: 'Police' },
  medical: { zh: '医疗', en: 'Medical' },
  government: { zh: '政府', en: 'Government' },
  property: { zh: '物业内部', en: 'Property (internal)' },
  other: { zh: '其他', en: 'Other' },
};

/** What one search reads at most: the few hundred entries a property keeps, with room to spare. */
export const maxEntries = 1000;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** Service numbers are short (110, 95598) as well as long; they are public, so never masked. */
const serviceNumber = z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 -]{1,19}$/, 'Not a phone number'));

const entryFields = {
  title: text(60),
  category: z.enum(infoCategories),
  phones: z
    .array(z.strictObject({ label: z.optional(text(20)), number: serviceNumber }))
    .check(z.minLength(1), z.maxLength(6)),
  address: z.optional(text(200)),
  notes: z.optional(text(1000)),
  keywords: z._default(z.array(text(20)).check(z.maxLength(12)), []),
};

const example = {
  title: '辖区派出所（曹家渡派出所）',
  category: 'police',
  phones: [{ label: '值班室', number: '021-62718110' }, { number: '110' }],
  address: '上海市静安区长寿路 1 号',
  notes: '非紧急警情、开具证明；紧急情况直接拨 110',
  keywords: ['报警', '警察', '证明'],
};

export const infoEntryCreate = z
  .strictObject(entryFields)
  .register(components, { id: 'InfoEntryCreate', example });
export const infoEntryUpdate = z
  .strictObject({
    version: z.int().check(z.gte(1)),
    ...z.partial(z.strictObject(entryFields)).shape,
    keywords: z.optional(entryFields.keywords.def.innerType),
  })
  .register(components, { id: 'InfoEntryUpdate', example: { version: 1, notes: '24 小时值班' } });
export const infoEntryDelete = z
  .strictObject({ version: z.int().check(z.gte(1)) })
  .register(components, { id: 'InfoEntryDelete', example: { version: 1 } });
export const infoQuery = z.object({ q: z.optional(z.string().check(z.maxLength(100))) });

export const infoParams = z.object({ propertyId: id });
export const infoEntryParams = z.extend(infoParams, { infoEntryId: id });

export const infoEntryRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    title: z.string(),
    category: z.enum(infoCategories),
    phones: z.array(z.object({ label: z.optional(z.string()), number: z.string() })),
    address: z.optional(z.string()),
    notes: z.optional(z.string()),
    keywords: z.array(z.string()),
    version: z.int(),
  })
  .register(components, { id: 'InfoEntry' });
export type InfoEntry = z.infer<typeof infoEntryRecord>;
const deletedEntry = z.object({ deleted: z.string() }).register(components, { id: 'DeletedInfoEntry' });

const haystack = (e: InfoEntry) =>
  [
    e.title,
    ...e.keywords,
    e.category,
    infoCategoryLabels[e.category].zh,
    infoCategoryLabels[e.category].en,
    ...e.phones.map((p) => `${p.label ?? ''} ${p.number}`),
  ]
    .join(' ')
    .toLowerCase();

/** Every word typed must appear somewhere in the title, keywords, category or numbers. */
export function matches(entry: InfoEntry, q: string | undefined): boolean {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const text = haystack(entry);
  return words.every((w) => text.includes(w));
}

async function allEntries(store: Store, propertyId: string): Promise<InfoEntry[]> {
  const out: InfoEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<InfoEntry>({
      partition: keys.property(propertyId).pk,
      beginsWith: ticketSkPrefix.infoEntries,
      limit: 100,
      cursor,
    });
    out.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor && out.length < maxEntries);
  return out;
}

const order = (a: InfoEntry, b: InfoEntry) =>
  infoCategories.indexOf(a.category) - infoCategories.indexOf(b.category) ||
  a.title.localeCompare(b.title, 'zh-CN');

export const searchInfoFile = fn(z.extend(infoParams, infoQuery.shape), ({ propertyId, q }) =>
  readInProperty(propertyId, async (store) => ({
    items: (await allEntries(store, propertyId)).filter((e) => matches(e, q)).sort(order),
    cursor: null,
  })),
);

export const getInfoEntry = fn(infoEntryParams, ({ propertyId, infoEntryId }) =>
  propertyStore(propertyId).mustGet<InfoEntry>(ticketKeys.infoEntry(propertyId, infoEntryId), 'Entry'),
);

export const createInfoEntry = fn(
  z.extend(infoParams, { entry: infoEntryCreate }),
  async ({ propertyId, entry }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    const entryId = newId();
    return store.create<InfoEntry>(infoEntryItem({ id: entryId, propertyId, ...entry }), {
      action: 'info.create',
      entity: 'infoEntry',
      entityId: entryId,
    });
  },
);

export const updateInfoEntry = fn(
  z.extend(infoEntryParams, { changes: infoEntryUpdate }),
  async ({ propertyId, infoEntryId, changes: { version, ...changes } }) =>
    propertyStore(propertyId).update<InfoEntry>(
      ticketKeys.infoEntry(propertyId, infoEntryId),
      'Entry',
      version,
      changes,
      { action: 'info.update', entity: 'infoEntry', entityId: infoEntryId },
      { item: infoEntryItem },
    ),
);

export const deleteInfoEntry = fn(
  z.extend(infoEntryParams, { version: z.int().check(z.gte(1)) }),
  async ({ propertyId, infoEntryId, version }) => {
    const store = propertyStore(propertyId);
    const key = ticketKeys.infoEntry(propertyId, infoEntryId);
    const current = await store.mustGet<InfoEntry>(key, 'Entry');
    await store.apply(
      [
        {
          delete: key,
          condition: '#version = :expected',
          values: { ':expected': version },
          onFail: conflict('stale_version', 'Entry was changed by someone else; reload and try again'),
        },
      ],
      {
        action: 'info.delete',
        entity: 'infoEntry',
        entityId: infoEntryId,
        before: { ...current },
        after: null,
      },
    );
    return { deleted: infoEntryId };
  },
);

/** An answer "from the information file" names an entry of the same property. */
export async function checkInfoEntryInput(store: Store, propertyId: string, input: unknown) {
  const entryId = (input as { infoEntryId?: unknown } | null)?.infoEntryId;
  if (typeof entryId !== 'string') return;
  if (!(await store.get(ticketKeys.infoEntry(propertyId, entryId)))) {
    throw unprocessable(
      'unknown_info_entry',
      'infoEntryId is not an entry of this property’s information file',
      {
        infoEntryId: entryId,
      },
    );
  }
}

export function infoFileRoutes(domain: Domain) {
  const base = '/properties/{propertyId}/info-entries';
  domain.route(
    {
      method: 'get',
      path: base,
      operationId: 'searchInfoFile',
      summary: 'Search the information file (every word must match)',
      permission: 'info.read',
      request: { params: infoParams, query: infoQuery },
      responses: ok(
        page(infoEntryRecord).register(components, { id: 'InfoEntryPage' }),
        'The entries matching every word of `q` (all entries without it)',
      ),
    },
    async (c) => c.json(await searchInfoFile({ ...c.req.valid('param'), ...c.req.valid('query') })),
  );
  domain.route(
    {
      method: 'post',
      path: base,
      operationId: 'createInfoEntry',
      summary: 'Add an entry to the information file',
      permission: 'info.write',
      request: { params: infoParams, ...jsonBody(infoEntryCreate) },
      responses: ok(infoEntryRecord, 'The new entry', 201),
    },
    async (c) => c.json(await createInfoEntry({ ...c.req.valid('param'), entry: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: `${base}/{infoEntryId}`,
      operationId: 'getInfoEntry',
      summary: 'Read an information-file entry',
      permission: 'info.read',
      request: { params: infoEntryParams },
      responses: ok(infoEntryRecord, 'One entry'),
    },
    async (c) => c.json(await getInfoEntry(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'patch',
      path: `${base}/{infoEntryId}`,
      operationId: 'updateInfoEntry',
      summary: 'Change an information-file entry',
      permission: 'info.write',
      request: { params: infoEntryParams, ...jsonBody(infoEntryUpdate) },
      responses: ok(infoEntryRecord, 'The entry after the change'),
    },
    async (c) => c.json(await updateInfoEntry({ ...c.req.valid('param'), changes: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'delete',
      path: `${base}/{infoEntryId}`,
      operationId: 'deleteInfoEntry',
      summary: 'Remove an information-file entry',
      permission: 'info.write',
      request: { params: infoEntryParams, ...jsonBody(infoEntryDelete) },
      responses: ok(deletedEntry, 'The entry is gone'),
    },
    async (c) => c.json(await deleteInfoEntry({ ...c.req.valid('param'), ...c.req.valid('json') })),
  );
}

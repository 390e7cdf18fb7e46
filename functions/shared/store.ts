import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type Actor,
  asSystemOf,
  assertPropertyAccess,
  currentActor,
  isHeadOffice,
  useActor,
} from './actor.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { ddb } from './db.ts';
import { type AppError, conflict, forbidden, notFound } from './errors.ts';
import { newId } from './ids.ts';
import { logger } from './log.ts';
import type { Role } from './permissions.ts';
import { redactPersonalData } from './personal-data.ts';
import {
  companyPk,
  type DueEntry,
  type DueKind,
  dueEntryOf,
  duePk,
  dueUntil,
  holidayCalendarPk,
  type IndexName,
  inboxPk,
  indexKeys,
  isDuePk,
  isInboxPk,
  keys,
  propertyPrefix,
  tableDefinition,
  tableName,
} from './table.ts';

export type Key = { pk: string; sk: string };
export type Item = Key & Record<string, unknown>;

/** Attributes that belong to the storage, never to an API response. */
const storageAttributes = new Set([
  'pk',
  'sk',
  'recordType',
  'expiresAt',
  ...Object.values(tableDefinition.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
]);

export function toRecord<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !storageAttributes.has(k))) as T;
}

/** Attributes an item builder derives from the record: the index keys and the TTL. */
const derivedAttributes = [
  ...Object.values(tableDefinition.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
  tableDefinition.timeToLiveAttribute,
];

/**
 * The update of `fields` of a freshly built item: those fields, and every derived attribute as the
 * builder computed it — SET when the item has it, REMOVEd when it does not.
 */
export function updateFrom(
  item: Item,
  fields: readonly string[],
): { update: Key; set: Record<string, unknown>; remove: string[] } {
  const set: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, item[f]]));
  const remove: string[] = [];
  for (const name of derivedAttributes) {
    if (item[name] === undefined) remove.push(name);
    else set[name] = item[name];
  }
  return { update: { pk: item.pk, sk: item.sk }, set, remove };
}

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** One part of a transaction. `onFail` is the error a failed condition of this part means to the client. */
export type WriteOp = { onFail?: AppError } & (
  | { put: Item; condition?: string; values?: Record<string, unknown> }
  | {
      update: Key;
      set?: Record<string, unknown>;
      add?: Record<string, number>;
      remove?: string[];
      condition?: string;
      values?: Record<string, unknown>;
    }
  | { delete: Key; condition?: string; values?: Record<string, unknown> }
  /** A condition on an item the transaction does not write (e.g. "this month is not closed"). */
  | { check: Key; condition: string; values?: Record<string, unknown> }
);

export interface QueryInput {
  index?: IndexName;
  partition: string;
  beginsWith?: string;
  between?: [string, string];
  limit?: number;
  cursor?: string;
  newestFirst?: boolean;
  /** Reads what the latest committed transaction wrote (only on the table, not on an index). */
  consistent?: boolean;
  filter?: { expression: string; values: Record<string, unknown> };
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** Only the field names are ever interpolated; values always travel as placeholders. */
function nameRefs(names: string[], names$: Record<string, string>): string[] {
  return names.map((n) => {
    const ref = `#${n.replace(/[^A-Za-z0-9_]/g, '_')}`;
    names$[ref] = n;
    return ref;
  });
}

function toTransactItem(op: WriteOp) {
  const TableName = tableName();
  const names: Record<string, string> = {};
  const refNames = (expr: string | undefined) => {
    // Conditions are written with #name placeholders for their attributes.
    for (const m of expr?.matchAll(/#([A-Za-z0-9_]+)/g) ?? []) names[`#${m[1]}`] = m[1]!;
  };
  refNames(op.condition);
  const values: Record<string, unknown> = { ...(op.values ?? {}) };
  const common = (extra: object) => ({
    TableName,
    ...extra,
    ...(op.condition ? { ConditionExpression: op.condition } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  });
  if ('put' in op) return { Put: common({ Item: op.put }) };
  if ('delete' in op) return { Delete: common({ Key: op.delete }) };
  if ('check' in op) return { ConditionCheck: common({ Key: op.check }) };
  const parts: string[] = [];
  const set = Object.entries(op.set ?? {}).filter(([, v]) => v !== undefined);
  if (set.length) {
    const refs = nameRefs(
      set.map(([k]) => k),
      names,
    );
    parts.push(`SET ${set.map((_, i) => `${refs[i]} = :s${i}`).join(', ')}`);
    set.forEach(([, v], i) => {
      values[`:s${i}`] = v;
    });
  }
  const add = Object.entries(op.add ?? {});
  if (add.length) {
    const refs = nameRefs(
      add.map(([k]) => k),
      names,
    );
    parts.push(`ADD ${add.map((_, i) => `${refs[i]} :a${i}`).join(', ')}`);
    add.forEach(([, v], i) => {
      values[`:a${i}`] = v;
    });
  }
  if (op.remove?.length) parts.push(`REMOVE ${nameRefs(op.remove, names).join(', ')}`);
  return { Update: common({ Key: op.update, UpdateExpression: parts.join(' ') }) };
}

/** Private to the data layer: every write reaches it through a Store, with its owner check and audit. */
async function transact(ops: WriteOp[]): Promise<void> {
  const input: TransactWriteCommandInput = {
    TransactItems: ops.map(toTransactItem) as TransactWriteCommandInput['TransactItems'],
    ReturnConsumedCapacity: 'TOTAL',
  };
  try {
    await ddb().send(new TransactWriteCommand(input));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0)
        throw ops[failed]?.onFail ?? conflict('conflict', 'The record was changed or already exists');
      if (reasons.some((r) => r.Code === 'TransactionConflict'))
        throw conflict('busy', 'Someone else is changing the same record; try again');
    }
    throw error;
  }
}

function auditOp(scopePk: string, actor: Actor, audit: AuditInput, at: string): WriteOp {
  const id = newId();
  return {
    put: {
      ...keys.audit(scopePk, at, id),
      recordType: 'audit',
      id,
      at,
      actorId: actor.staffId,
      actorName: actor.name,
      ...audit,
      before: redactPersonalData(audit.before),
      after: redactPersonalData(audit.after),
    },
  };
}

/** Changed fields only, so an audit entry says what moved rather than repeating the record. */
function diff(before: object, after: object) {
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  const changed = Object.keys(is).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(is[k]));
  return {
    before: Object.fromEntries(changed.map((k) => [k, was[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, is[k] ?? null])),
  };
}

/**
 * Reads and writes inside one partition scope (a property, or a company-level record). Every write is
 * a transaction that carries its audit entry, made by the actor the scope was opened for; every update
 * is guarded by the record's version. Only the scope functions below open one.
 */
class Store {
  constructor(
    readonly scopePk: string,
    private readonly owns: (pk: string) => boolean,
    private readonly actor: Actor,
    /** Set for a property's scope: its system may write there too (asSystem). */
    private readonly propertyId?: string,
  ) {}

  /** Defence in depth behind the tenant guard: no key of another scope can be written from here. */
  private checkOwnership(ops: WriteOp[]) {
    for (const op of ops) {
      const key: Record<string, unknown> =
        'put' in op
          ? op.put
          : 'update' in op
            ? { ...op.set, ...op.update }
            : 'check' in op
              ? op.check
              : op.delete;
      const pks = [key.pk, ...Object.values(tableDefinition.indexes).map((i) => key[i.partitionKey])];
      for (const pk of pks) {
        // Exempt, by name: company-unique guards, the property list, and staff inboxes (a notification
        // about a property is listed, and counted, in its recipient's inbox).
        const exempt =
          pk === 'PROPERTIES' || (typeof pk === 'string' && (pk.startsWith('UNIQUE#') || isInboxPk(pk)));
        // The `due` index partitions are shared by all properties: exempt only for this scope's property.
        const dueOfScope =
          typeof pk === 'string' &&
          isDuePk(pk) &&
          typeof key.dueSk === 'string' &&
          dueEntryOf(key.dueSk)?.propertyId === this.propertyId;
        if (typeof pk === 'string' && !this.owns(pk) && !exempt && !dueOfScope)
          throw new Error(`Write outside scope ${this.scopePk}: ${pk}`);
      }
    }
  }

  private checkRead(pk: string) {
    if (!this.owns(pk)) throw new Error(`Read outside scope ${this.scopePk}: ${pk}`);
  }

  /**
   * The same property, written by its system (locks, journals, recoveries): audited as the system,
   * reachable only from a store whose caller passed the tenant guard.
   */
  asSystem(): Store {
    const { propertyId } = this;
    if (!propertyId) throw new Error('Only a property has a system of its own');
    return asSystemOf(propertyId, () => propertyStore(propertyId));
  }

  /** `consistent` reads what the latest committed transaction wrote (e.g. an idempotency guard just lost to). */
  async get<T>(key: Key, options: { consistent?: boolean } = {}): Promise<T | undefined> {
    this.checkRead(key.pk);
    const out = await ddb().send(
      new GetCommand({
        TableName: tableName(),
        Key: key,
        ReturnConsumedCapacity: 'TOTAL',
        ...(options.consistent ? { ConsistentRead: true } : {}),
      }),
    );
    return out.Item ? toRecord<T>(out.Item) : undefined;
  }

  async mustGet<T>(key: Key, what: string): Promise<T> {
    const found = await this.get<T>(key);
    if (!found) throw notFound(what);
    return found;
  }

  async query<T>(input: QueryInput): Promise<Page<T>> {
    this.checkRead(input.partition);
    return runQuery<T>(input);
  }

  /** Writes a new record (failing with `exists` if its key is taken) together with its audit entry. */
  async create<T extends object>(
    item: Item,
    audit: Omit<AuditInput, 'before' | 'after'>,
    options: { exists?: AppError; extra?: WriteOp[] } = {},
  ): Promise<T> {
    const at = new Date().toISOString();
    const stored: Item = { ...item, version: 1, createdAt: at, updatedAt: at };
    const record = toRecord<Record<string, unknown>>(stored);
    const ops: WriteOp[] = [
      {
        put: stored,
        condition: 'attribute_not_exists(#pk)',
        onFail: options.exists ?? conflict('exists', 'This record already exists'),
      },
      ...(options.extra ?? []),
      auditOp(this.scopePk, this.actor, { ...audit, before: null, after: record }, at),
    ];
    this.checkOwnership(ops);
    await transact(ops);
    return record as T;
  }

  /**
   * Applies `changes` if the stored version is still `expectedVersion`; a concurrent edit makes this a
   * 409 and nothing is written. A record with index keys gives its item builder (`item`): the keys are
   * computed from the record as it is after the change (`updateFrom`), never passed by hand.
   */
  async update<T extends object>(
    key: Key,
    what: string,
    expectedVersion: number,
    changes: Record<string, unknown>,
    audit: Omit<AuditInput, 'before' | 'after'>,
    options: { item?: (next: T) => Item; extra?: (current: T) => WriteOp[]; current?: T } = {},
  ): Promise<T> {
    const current = (options.current ?? (await this.mustGet<T>(key, what))) as T & { version: number };
    if (current.version !== expectedVersion)
      throw conflict('stale_version', `${what} was changed by someone else; reload and try again`, {
        currentVersion: current.version,
      });
    const at = new Date().toISOString();
    const next = { ...current, ...changes, version: expectedVersion + 1, updatedAt: at };
    const { before, after } = diff(current, next);
    const fields = { ...changes, version: expectedVersion + 1, updatedAt: at };
    const ops: WriteOp[] = [
      {
        ...(options.item
          ? updateFrom(options.item(next as T), Object.keys(fields))
          : { update: key, set: fields }),
        condition: '#version = :expected',
        values: { ':expected': expectedVersion },
        onFail: conflict('stale_version', `${what} was changed by someone else; reload and try again`),
      },
      ...(options.extra?.(current) ?? []),
      auditOp(this.scopePk, this.actor, { ...audit, before, after }, at),
    ];
    this.checkOwnership(ops);
    await transact(ops);
    return next as T;
  }

  /** Writes `ops` (possibly none) in one transaction with their audit entry. */
  async apply(ops: WriteOp[], audit: AuditInput): Promise<void> {
    const all = [...ops, auditOp(this.scopePk, this.actor, audit, new Date().toISOString())];
    this.checkOwnership(all);
    await transact(all);
  }

  async batchGet<T>(keyList: Key[]): Promise<T[]> {
    for (const key of keyList) this.checkRead(key.pk);
    const found: T[] = [];
    for (let i = 0; i < keyList.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [tableName()]: { Keys: keyList.slice(i, i + 100) },
      };
      for (let attempt = 0; request && Object.keys(request).length && attempt < 5; attempt++) {
        const out = await ddb().send(
          new BatchGetCommand({ RequestItems: request, ReturnConsumedCapacity: 'TOTAL' }),
        );
        found.push(...(out.Responses?.[tableName()] ?? []).map((item) => toRecord<T>(item)));
        request = out.UnprocessedKeys as typeof request;
      }
      if (request && Object.keys(request).length) logger.warn('batchGet left keys unprocessed');
    }
    return found;
  }
}

export type { Store };

async function runQuery<T>(input: QueryInput): Promise<Page<T>> {
  const index = input.index ? tableDefinition.indexes[input.index] : undefined;
  const pkName = index?.partitionKey ?? tableDefinition.partitionKey;
  const skName = index?.sortKey ?? tableDefinition.sortKey;
  const values: Record<string, unknown> = { ':pk': input.partition };
  let condition = '#pk = :pk';
  if (input.beginsWith !== undefined) {
    condition += ' AND begins_with(#sk, :prefix)';
    values[':prefix'] = input.beginsWith;
  } else if (input.between) {
    condition += ' AND #sk BETWEEN :from AND :to';
    values[':from'] = input.between[0];
    values[':to'] = input.between[1];
  }
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: input.index,
      KeyConditionExpression: condition,
      ...(input.filter ? { FilterExpression: input.filter.expression } : {}),
      ExpressionAttributeNames: {
        '#pk': pkName,
        ...(input.beginsWith !== undefined || input.between ? { '#sk': skName } : {}),
        ...Object.fromEntries(
          [...(input.filter?.expression.matchAll(/#([A-Za-z0-9_]+)/g) ?? [])].map((m) => [`#${m[1]}`, m[1]]),
        ),
      },
      ExpressionAttributeValues: { ...values, ...(input.filter?.values ?? {}) },
      Limit: input.limit ?? 50,
      ScanIndexForward: !input.newestFirst,
      ExclusiveStartKey: decodeCursor(input.cursor, { attribute: pkName, value: input.partition }),
      ...(input.consistent && !input.index ? { ConsistentRead: true } : {}),
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => toRecord<T>(i)),
    cursor: encodeCursor(out.LastEvaluatedKey),
  };
}

/** Every page of a Query, for reads bounded by what they read (a property's members, a due shard). */
async function* everyItem<T>(read: (cursor?: string) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    yield* page.items;
    cursor = page.cursor ?? undefined;
  } while (cursor);
}

const within = (prefix: string) => (pk: string) => pk === prefix || pk.startsWith(`${prefix}#`);

/* ---------------------------------------------------------------------------------------------------
 * The scopes. Each one checks, once, that its caller may see what it opens; there is no other way to a
 * Store. Property records: propertyStore. Company-level records: staffStore / newStaffStore (staff
 * and their logins), inboxStore (one's own notifications), headOfficeStore (head office's member list),
 * companyStore (several properties at once), and the reads below for sign-in and jobs.
 * ------------------------------------------------------------------------------------------------- */

/** The data layer's door to one property. Passing it is passing the tenant guard. */
export function propertyStore(propertyId: string, actor: Actor = useActor()): Store {
  assertPropertyAccess(propertyId, actor);
  const prefix = propertyPrefix(propertyId);
  return new Store(prefix, within(prefix), actor, propertyId);
}

/** Several properties read (or counted) together, e.g. head office's overview; each passes the guard. */
export function companyStore(propertyIds: string[], actor: Actor = useActor()): Store {
  for (const propertyId of propertyIds) assertPropertyAccess(propertyId, actor);
  const prefixes = propertyIds.map(propertyPrefix);
  return new Store(companyPk, (pk) => prefixes.some((p) => within(p)(pk)), actor);
}

/**
 * A staff record with its login, its head-office listing and its memberships in `propertyIds` (each
 * of which passes the tenant guard): what creating or editing someone writes.
 */
function staffScope(staffId: string, propertyIds: string[], actor: Actor): Store {
  for (const propertyId of propertyIds) assertPropertyAccess(propertyId, actor);
  const prefixes = propertyIds.map(propertyPrefix);
  const own = (pk: string) =>
    pk === companyPk ||
    pk === keys.staff(staffId).pk ||
    pk === indexKeys.staffByLogin('').lookupPk ||
    pk === keys.headOfficeMember('').pk ||
    prefixes.some((p) => within(p)(pk));
  return new Store(companyPk, own, actor);
}

/** Who may see a staff member: head office, anyone sharing a property, and a property's own system. */
function canSee(actor: Actor, staff: { id: string; roles: Role[]; propertyIds: string[] }): boolean {
  if (isHeadOffice(actor) || actor.staffId === staff.id) return true;
  if (staff.propertyIds.some((p) => actor.propertyIds.includes(p))) return true;
  // The system of a property tells head office (the SLA ladder's last step).
  return actor.system === true && staff.roles.includes('head_office');
}

/**
 * The staff member `staffId` as the caller may see them, with the scope to change them in (their
 * memberships of `propertyIds`); anyone the caller may not see is a 404, like one who does not exist.
 */
export async function staffStore<T extends { id: string; roles: Role[]; propertyIds: string[] }>(
  staffId: string,
  propertyIds: (staff: T) => string[] = (staff) => staff.propertyIds,
  actor: Actor = useActor(),
): Promise<{ staff: T; store: Store }> {
  const staff = await staffScope(staffId, [], actor).get<T>(keys.staff(staffId));
  if (!staff || !canSee(actor, staff)) throw notFound('Staff member');
  return { staff, store: staffScope(staffId, propertyIds(staff), actor) };
}

/** The scope a new staff member is created in: their memberships' properties pass the tenant guard. */
export function newStaffStore(staffId: string, propertyIds: string[], actor: Actor = useActor()): Store {
  return staffScope(staffId, propertyIds, actor);
}

/** One's own inbox (its counter and its listing); nobody reads another person's. */
export function inboxStore(staffId: string, actor: Actor = useActor()): Store {
  if (actor.staffId !== staffId || actor.system) throw notFound('Notification');
  return new Store(companyPk, (pk) => pk === inboxPk(staffId), actor);
}

/** Head office's member list: read by head office and by a property's system (to tell head office). */
export function headOfficeStore(actor: Actor = useActor()): Store {
  if (!isHeadOffice(actor) && !actor.system) throw forbidden('Only head office sees its members');
  return new Store(companyPk, (pk) => pk === keys.headOfficeMember('').pk, actor);
}

/**
 * The company's holiday calendar (years of official holidays head office entered, and the alerts that
 * asked for them): read by anyone at work, written by head office (the route's permission) and by the
 * holiday-data job as a property's system. Audited company-wide.
 */
export function holidayCalendarStore(actor: Actor = useActor()): Store {
  return new Store(companyPk, (pk) => pk === holidayCalendarPk || pk === companyPk, actor);
}

/** The company's lists — every property, every login (the demo sign-in page): head office's only. */
export function companyListStore(actor: Actor = useActor()): Store {
  if (!isHeadOffice(actor)) throw forbidden('Only head office lists the whole company');
  const lists = [indexKeys.allProperties('').listingPk, indexKeys.staffByLogin('').lookupPk];
  return new Store(companyPk, (pk) => lists.includes(pk), actor);
}

export interface Login {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  propertyIds: string[];
  active: boolean;
}

/** The staff record behind a sign-in: read before there is an actor, by the authentication only. */
export async function findLogin(email: string): Promise<Login | undefined> {
  const key = indexKeys.staffByLogin(email);
  const { items } = await runQuery<Login>({
    index: 'lookup',
    partition: key.lookupPk,
    between: [key.lookupSk, key.lookupSk],
    limit: 1,
  });
  return items[0];
}

/** Refuses a company-wide walk inside a request: only a job (no caller) or the company's own seeder. */
function assertJobContext() {
  const caller = currentActor();
  if (caller && !(caller.system && isHeadOffice(caller)))
    throw new Error('Only a job walks through every property');
}

/**
 * A job's way through the company: `work` runs once per property, as that property's system, so it
 * reaches that property only.
 */
export async function forEachProperty<R>(work: (propertyId: string) => Promise<R>): Promise<R[]> {
  assertJobContext();
  const results: R[] = [];
  for await (const property of everyItem<{ id: string }>((cursor) =>
    runQuery({ index: 'listing', partition: indexKeys.allProperties('').listingPk, cursor, limit: 100 }),
  ))
    results.push(await asSystemOf(property.id, () => work(property.id)));
  return results;
}

/**
 * The sparse `due` index of one kind and shard, up to the instant `until`: what the SLA check (or the
 * hand-off job) must look at. The entries name their property; the work on each goes through that
 * property's store.
 */
export async function* readDue(kind: DueKind, shard: number, until: string): AsyncGenerator<DueEntry> {
  assertJobContext();
  const { due } = tableDefinition.indexes;
  const partition = duePk(kind, shard);
  if (!isDuePk(partition)) throw new Error(`No due shard ${shard}`);
  for await (const item of everyItem<Record<string, unknown>>(async (cursor) => {
    const out = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'due',
        KeyConditionExpression: '#pk = :pk AND #sk <= :until',
        ExpressionAttributeNames: { '#pk': due.partitionKey, '#sk': due.sortKey },
        ExpressionAttributeValues: { ':pk': partition, ':until': dueUntil(until) },
        ExclusiveStartKey: decodeCursor(cursor, { attribute: due.partitionKey, value: partition }),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    return { items: out.Items ?? [], cursor: encodeCursor(out.LastEvaluatedKey) };
  })) {
    const entry = dueEntryOf(String(item[due.sortKey]));
    if (entry) yield entry;
  }
}

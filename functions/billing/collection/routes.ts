/** Collection routes: settings, the worklist, visits, reminders, late-fee waivers and the arrears file. */
import * as z from 'zod/mini';
import type { Domain } from '../../shared/http.ts';
import { components, jsonBody, ok } from '../../shared/openapi.ts';
import { arrearsFileOf, getArrearsFile } from './arrears-file.ts';
import {
  collectionTaskRecord,
  householdParams,
  noticeRecord,
  propertyParams,
  taskParams,
  versionBody,
  visitBody,
  visitLogged,
  waiverBody,
  worklistQuery,
  worklistRecord,
} from './schemas.ts';
import {
  changeCollectionSettings,
  collectionSettingsBody,
  collectionSettingsRecord,
  getCollectionSettings,
} from './settings.ts';
import {
  approveWaiver,
  getTask,
  listWorklist,
  logVisit,
  requestWaiver,
  sendCollectionReminder,
} from './tasks.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const arrearsFileRecord = z
  .object({
    property: z.record(z.string(), z.unknown()),
    letterhead: z.record(z.string(), z.unknown()),
    household: z.record(z.string(), z.unknown()),
    asOf: z.string(),
    feeClause: z.string(),
    lateFeeTerms: z.record(z.string(), z.unknown()),
    arrears: z.array(z.record(z.string(), z.unknown())),
    totalOwedCents: z.int(),
    notices: z.array(noticeRecord),
    visits: z.array(z.record(z.string(), z.unknown())),
  })
  .register(components, { id: 'ArrearsFile' });

export function collectionRoutes(domain: Domain) {
  const settings = '/properties/{propertyId}/collection-settings';
  const tasks = '/properties/{propertyId}/collection-tasks';
  const task = `${tasks}/{month}/{householdId}`;
  domain.route(
    {
      method: 'get',
      path: settings,
      operationId: 'getCollectionSettings',
      summary: 'Read the reminder day, letterhead, fee clause and late-fee terms of a property',
      permission: 'billing.read',
      request: { params: propertyParams },
      responses: ok(collectionSettingsRecord, 'The settings, defaults filled in'),
    },
    async (c) => c.json(await getCollectionSettings(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'put',
      path: settings,
      operationId: 'changeCollectionSettings',
      summary:
        'Change the reminder day, letterhead, fee clause or late-fee terms (late fees are off by default)',
      permission: 'billing.configure',
      request: { params: propertyParams, ...jsonBody(collectionSettingsBody) },
      responses: ok(collectionSettingsRecord, 'The settings as changed'),
    },
    async (c) =>
      c.json(await changeCollectionSettings({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'get',
      path: tasks,
      operationId: 'listCollectionWorklist',
      summary: 'The open collection tasks (上门收款) by building and room, with what each still owes',
      permission: 'collection.work',
      request: { params: propertyParams, query: worklistQuery },
      responses: ok(worklistRecord, 'One page of the worklist'),
    },
    async (c) => c.json(await listWorklist({ ...c.req.valid('param'), ...c.req.valid('query') })),
  );
  domain.route(
    {
      method: 'get',
      path: task,
      operationId: 'getCollectionTask',
      summary: 'One collection task',
      permission: 'collection.work',
      request: { params: taskParams },
      responses: ok(collectionTaskRecord, 'The task'),
    },
    async (c) => c.json(await getTask(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${task}/visits`,
      operationId: 'logCollectionVisit',
      summary: 'Log a visit: paid, promised on a date, refused or not home, and the next visit',
      permission: 'collection.work',
      request: { params: taskParams, ...jsonBody(visitBody) },
      errors: { 409: 'The task changed since it was read (reload), or it is closed' },
      responses: ok(visitLogged, 'The visit and the task after it', 201),
    },
    async (c) => c.json(await logVisit({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'post',
      path: `${task}/reminders`,
      operationId: 'sendCollectionReminder',
      summary: 'Send the household a reminder through the notification channel (at most one a day)',
      permission: 'collection.work',
      request: { params: taskParams },
      errors: { 409: 'A reminder already went out today, or the task is closed' },
      responses: ok(noticeRecord, 'The reminder and how its delivery went', 201),
    },
    async (c) => c.json(await sendCollectionReminder(c.req.valid('param')), 201),
  );
  domain.route(
    {
      method: 'post',
      path: `${task}/late-fee-waiver`,
      operationId: 'requestLateFeeWaiver',
      summary: 'Ask for this request’s late fee to be waived, with the reason',
      permission: 'collection.work',
      request: { params: taskParams, ...jsonBody(waiverBody) },
      responses: ok(collectionTaskRecord, 'The task with the waiver asked for'),
    },
    async (c) => c.json(await requestWaiver({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'post',
      path: `${task}/late-fee-waiver/approval`,
      operationId: 'approveLateFeeWaiver',
      summary: 'Approve another person’s waiver of a late fee (finance)',
      permission: 'payment.approve',
      request: { params: taskParams, ...jsonBody(versionBody) },
      errors: {
        403: 'The role may not approve, or the approver asked for the waiver',
        422: 'Nobody asked for a waiver',
      },
      responses: ok(collectionTaskRecord, 'The task with the waiver approved'),
    },
    async (c) => c.json(await approveWaiver({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/households/{householdId}/arrears-file',
      operationId: 'getArrearsFile',
      summary:
        'A household’s arrears file: what it owes, every notice with its delivery, visits, promises, the clause',
      permission: 'billing.read',
      request: { params: householdParams },
      responses: ok(arrearsFileRecord, 'The arrears file as of today (property time)'),
    },
    async (c) => c.json(await getArrearsFile(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/households/{householdId}/arrears-file/xlsx',
      operationId: 'downloadArrearsFile',
      summary: 'The arrears file as one Excel workbook, for a lawyer',
      permission: 'billing.read',
      request: { params: householdParams },
      responses: {
        200: {
          description: 'The workbook',
          content: { [xlsx]: { schema: z.string().register(components, { format: 'binary' }) } },
        },
      },
    },
    async (c) => {
      const { propertyId, householdId } = c.req.valid('param');
      const file = await arrearsFileOf(propertyId, householdId);
      const { arrearsWorkbook } = await import('./arrears-workbook.ts');
      return c.body(new Uint8Array(await arrearsWorkbook(file)), 200, {
        'Content-Type': xlsx,
        'Content-Disposition': `attachment; filename="arrears-${file.household.roomCode.replace(/[^\w-]/g, '_')}-${file.asOf}.xlsx"`,
      });
    },
  );
}

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { domains } from '../../functions/domains.ts';
import { createPlatform } from '../../functions/platform/app.ts';
import { openApiDocument } from '../../functions/platform/openapi.ts';

/**
 * The API contract a client is generated from: the merged document the hosts serve, linted by Redocly's
 * recommended rules, and every operation named, summarised, typed and carrying its error responses.
 */
type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  summary?: string;
  requestBody?: Json;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}

const domainApps = await Promise.all(domains.map((d) => d.load()));
const loaded = [...domainApps, createPlatform(async () => domainApps)];
const document = openApiDocument(loaded) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    name: `${method.toUpperCase()} ${path}`,
    path,
    operation,
  })),
);
const dir = mkdtempSync(join(tmpdir(), 'propdesk-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const resolve = (schema: Json): Json => {
  if (typeof schema.$ref === 'string')
    return resolve(document.components.schemas[schema.$ref.split('/').pop()!]!);
  if (!Array.isArray(schema.allOf)) return schema;
  // An extended schema: its parts' properties together.
  const parts = (schema.allOf as Json[]).map(resolve);
  return { ...schema, properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) };
};

it('API client: every route of every domain is in the document', () => {
  expect(operations.length).toBe(loaded.flatMap((d) => d.routes).length);
});

it('API client: operation ids are camelCase and unique, so each becomes one method', () => {
  const ids = operations.map((o) => o.operation.operationId);
  for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
  expect(new Set(ids).size).toBe(ids.length);
});

describe.each(operations.map((o) => [o.name, o] as const))('%s', (_, { path, operation }) => {
  it('API client: has a summary and a typed answer, not a bag of anything', () => {
    expect(operation.summary?.length).toBeGreaterThan(5);
    const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
    const content = success![1].content!;
    // A download (an Excel workbook) is typed by its media type, as binary.
    if (!content['application/json']) {
      const [type, media] = Object.entries(content)[0]!;
      expect(type).toMatch(/^application\/vnd\./);
      expect(resolve(media.schema)).toMatchObject({ type: 'string', format: 'binary' });
      return;
    }
    const schema = resolve(content['application/json']!.schema);
    const fields = schema.properties ?? schema.allOf ?? schema.additionalProperties ?? {};
    expect(Object.keys(fields).length, JSON.stringify(schema)).toBeGreaterThan(0);
  });

  it('API client: each error it can answer carries the one error shape', () => {
    const expected = ['400', '503'];
    if (operation.security?.length !== 0) expected.push('401', '403');
    if (path.includes('{')) expected.push('404');
    if (operation.requestBody) expected.push('413');
    for (const status of expected) expect(Object.keys(operation.responses)).toContain(status);
    for (const [status, response] of Object.entries(operation.responses)) {
      if (Number(status) < 400) continue;
      const schema = response.content?.['application/json']?.schema;
      expect(schema, status).toBeDefined();
      // The Error schema itself, or (the health check's 503) a body that also carries it.
      if (schema!.$ref !== '#/components/schemas/Error') {
        expect((resolve(schema!).properties as Json | undefined)?.error, status).toEqual(
          (document.components.schemas.Error!.properties as Json).error,
        );
      }
    }
  });
});

it('API client: the document passes redocly lint with the recommended rules', async () => {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  const lint = await promisify(execFile)(
    process.execPath,
    [cli, 'lint', '--config', 'redocly.yaml', '--format', 'json', file],
    {
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((error: { stdout: string; stderr: string }) => error);
  const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
  };
  const problems = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
  expect(problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});

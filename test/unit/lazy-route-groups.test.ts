import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { bundleLambda, lambdaTarget } from '../../bench/bundle.ts';
import { createDomain } from '../../functions/shared/http.ts';
import { ok } from '../../functions/shared/openapi.ts';

/**
 * A lazily loaded route group (`domain.lazy(() => import(...))`): its routes are declared, validated and
 * guarded like any other, its module is read by the group's first request, and a module that does not
 * load answers the platform's JSON 500 without taking the domain's other routes down.
 */
const fixture = () => import('./fixtures/lazy-route-group.ts');
const loads = () => (globalThis as { lazyGroupLoads?: number }).lazyGroupLoads ?? 0;

function desk(load: () => Promise<typeof import('./fixtures/lazy-route-group.ts')>) {
  const domain = createDomain('desk');
  domain.route(
    {
      method: 'get',
      path: '/ping',
      operationId: 'ping',
      summary: 'Ping',
      permission: 'public',
      responses: ok(z.object({ ok: z.boolean() }), 'Pong'),
    },
    (c) => c.json({ ok: true }),
  );
  const greetings = domain.lazy(load);
  greetings.route(
    {
      method: 'get',
      path: '/greetings/{name}',
      operationId: 'greet',
      summary: 'Greet someone',
      permission: 'public',
      request: { params: z.object({ name: z.string().check(z.maxLength(5)) }) },
      responses: ok(z.object({ greeting: z.string() }), 'The greeting'),
    },
    (c, module) => c.json(module.greeting(c.req.valid('param').name)),
  );
  greetings.route(
    {
      method: 'get',
      path: '/private-greetings',
      operationId: 'greetPrivately',
      summary: 'Greet a signed-in caller',
      permission: 'property.read',
      responses: ok(z.object({ greeting: z.string() }), 'The greeting'),
    },
    (c, module) => c.json(module.greeting('staff')),
  );
  return domain;
}

const get = (domain: ReturnType<typeof desk>, path: string) =>
  domain.app.request(`http://desk.test/api/desk${path}`);

describe('lazily loaded route groups', () => {
  it('caller: a group’s module is read by its first request, not before, and only once', async () => {
    const before = loads();
    const domain = desk(fixture);
    expect(domain.declarations.map((d) => d.operationId)).toEqual(['ping', 'greet', 'greetPrivately']);
    expect(domain.routes.map((r) => r.path)).toContain('/api/desk/greetings/{name}');
    expect((await get(domain, '/ping')).status).toBe(200);
    // Refused before the module is needed: invalid input, no sign-in.
    expect((await get(domain, '/greetings/toolongname')).status).toBe(400);
    expect((await get(domain, '/private-greetings')).status).toBe(401);
    expect(loads()).toBe(before);

    const first = await get(domain, '/greetings/lin');
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ greeting: '你好, lin', loads: before + 1 });
    expect(loads()).toBe(before + 1);
    expect((await get(domain, '/greetings/wang')).status).toBe(200);
    expect(loads()).toBe(before + 1);
  });

  it('caller: a group whose module fails to load answers a JSON 500, the other routes still answer, and the next request tries again', async () => {
    let attempts = 0;
    const domain = desk(async () => {
      attempts += 1;
      if (attempts === 1) return import(`./fixtures/${'missing-module'}.ts`);
      return fixture();
    });
    const failed = await get(domain, '/greetings/lin');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toMatch(/application\/json/);
    expect(await failed.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on our side', details: null },
    });
    expect(await (await get(domain, '/ping')).json()).toEqual({ ok: true });
    expect((await get(domain, '/greetings/lin')).status).toBe(200);
    expect(attempts).toBe(2);
  });
});

/** The route modules each function reads only on a group's first request (decision 014). */
const lazyModules: Record<string, string[]> = {
  tickets: ['functions/reports/service.ts', 'functions/tickets/history.ts'],
  directory: ['functions/directory/import/run.ts', 'functions/directory/import/status.ts'],
  notifications: ['functions/notifications/outbox.ts'],
};

describe('the Lambda bundles', () => {
  for (const [name, modules] of Object.entries(lazyModules)) {
    it(`${name}: a cold start does not read the handlers of its lazily loaded route groups`, async () => {
      const root = join(import.meta.dirname, '../..');
      const outDir = join(root, 'node_modules/.cache/lazy-route-groups', name);
      const { metafile, coldOutputs } = await bundleLambda({
        root,
        entry: `functions/${name}/lambda.ts`,
        outDir,
        target: lambdaTarget,
      });
      const outputs = metafile.outputs;
      const coldInputs = new Set(coldOutputs.flatMap((o) => Object.keys(outputs[o]!.inputs)));
      const everyInput = new Set(Object.values(outputs).flatMap((o) => Object.keys(o.inputs)));
      for (const module of modules) {
        expect(everyInput, `${module} is bundled`).toContain(module);
        expect(coldInputs, `${module} is read at a cold start`).not.toContain(module);
      }
    });
  }
});

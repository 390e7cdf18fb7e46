import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { can, permissions } from '../../functions/shared/permissions.ts';
import { renderMatrix } from '../support/security-matrix.ts';
import { declaredRoutes } from '../support/static-routes.ts';

describe('permission matrix', () => {
  it('docs/security.md shows the matrix the code enforces', () => {
    const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    expect(doc, `Paste into docs/security.md:\n${renderMatrix()}`).toContain(renderMatrix());
  });

  it('front desk: can read the directory and edit households, but not staff or settings', () => {
    expect(can(['front_desk'], 'unit.read')).toBe(true);
    expect(can(['front_desk'], 'household.write')).toBe(true);
    expect(can(['front_desk'], 'staff.write')).toBe(false);
    expect(can(['front_desk'], 'property.update')).toBe(false);
  });

  it('technician: cannot see full phone numbers', () => {
    expect(can(['technician'], 'household.revealPhone')).toBe(false);
  });

  it('every route declares a permission that exists', async () => {
    for (const route of await declaredRoutes()) {
      expect(['public', 'signedIn', ...Object.keys(permissions)], `${route.method} ${route.path}`).toContain(
        route.permission,
      );
    }
  });
});

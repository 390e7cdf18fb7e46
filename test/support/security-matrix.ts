import { matrix, type Permission, permissions, roles } from '../../functions/shared/permissions.ts';

/** The permission matrix as docs/security.md shows it; the doc must say exactly what the code does. */
export function renderMatrix(): string {
  const header = `| permission | ${roles.join(' | ')} |`;
  const rule = `|---|${roles.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(permissions) as Permission[]).map(
    (p) =>
      `| \`${p}\` — ${permissions[p]} | ${roles.map((r) => (matrix[r].includes(p) ? '✓' : ' ')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

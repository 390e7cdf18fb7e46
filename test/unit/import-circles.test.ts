/**
 * No runtime import circle in functions/: a module that imports back from one of its importers is only
 * half-initialised when the circle closes, and a newcomer cannot read the domain from its leaves up.
 * The graph is what runs: `import type` / `export type` and dynamic `import()` are left out; an
 * `import { type A }` stays in, since verbatimModuleSyntax keeps it as an (empty) runtime import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The relative specifiers a module loads when it runs. */
function runtimeImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly) continue;
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      if (statement.isTypeOnly) continue;
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers.filter((s) => s.startsWith('.'));
}

type Graph = Map<string, string[]>;

function resolveModule(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importGraph(root: string): Graph {
  const graph: Graph = new Map();
  for (const file of sourceFiles(root)) {
    const targets = runtimeImports(file, readFileSync(file, 'utf8'))
      .map((s) => resolveModule(file, s))
      .filter((p): p is string => !!p && p.startsWith(root));
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one module (or a module importing itself): Tarjan. */
function circles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('import graph of functions/', () => {
  it('newcomer: no module of functions/ imports, at run time, one that imports it back', () => {
    const root = resolve(import.meta.dirname, '../../functions');
    const graph = importGraph(root);
    expect(graph.size).toBeGreaterThan(50);
    const named = circles(graph).map((c) => c.map((f) => relative(root, f)).join(' <-> '));
    expect(named).toEqual([]);
  });

  it('the check sees a circle through value imports and re-exports, not through types or import()', () => {
    const modules: Record<string, string> = {
      '/m/a.ts': "import { b } from './b.ts';\nimport type { C } from './c.ts';",
      '/m/b.ts': "export { c } from './c.ts';",
      '/m/c.ts': "import { type A } from './a.ts';\nconst d = () => import('./d.ts');",
      '/m/d.ts': "import type { A } from './a.ts';\nexport type { B } from './b.ts';",
    };
    const graph: Graph = new Map(
      Object.entries(modules).map(([file, text]) => [
        file,
        runtimeImports(file, text).map((s) => resolve(dirname(file), s)),
      ]),
    );
    expect(graph.get('/m/d.ts')).toEqual([]);
    expect(circles(graph)).toEqual([['/m/a.ts', '/m/b.ts', '/m/c.ts']]);
    graph.set('/m/c.ts', []);
    expect(circles(graph)).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoGuide } from '../../infra/local/demo-guide.ts';
import { demoDomain } from '../../infra/local/seed.ts';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('newcomer: the demo-account table lists the accounts the start-up banner prints, in the same order', () => {
    const tableRows = readme
      .split('\n')
      .map((line) => line.match(/^\| `([^`]+@[^`]+)` \|/)?.[1])
      .filter((email): email is string => Boolean(email));
    expect(tableRows).toEqual(demoGuide.map((a) => `${a.login}@${demoDomain}`));
  });

  it('newcomer: the walk-through accounts are a desk, a technician and a manager of one property', () => {
    const ofShja = demoGuide.filter((a) => a.login.endsWith('.shja')).map((a) => a.login.split('.')[0]);
    expect(ofShja).toEqual(expect.arrayContaining(['frontdesk', 'tech', 'manager']));
  });

  it('newcomer: README and docs/ link only to files inside the repository', () => {
    const docs = [
      'README.md',
      ...readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f)),
    ];
    const outside: string[] = [];
    for (const file of docs) {
      const text = readFileSync(join(root, file), 'utf8');
      if (/\.\.\/shared|\/work\/shared/.test(text)) outside.push(`${file}: points to ../shared`);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue; // a web address is not a file
        const path = resolve(root, file, '..', target!);
        if (!path.startsWith(root)) outside.push(`${file}: ${target}`);
        else
          try {
            readFileSync(path);
          } catch {
            outside.push(`${file}: ${target} does not exist`);
          }
      }
    }
    expect(outside).toEqual([]);
  });
});

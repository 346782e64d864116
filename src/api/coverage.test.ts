/**
 * docs/api-coverage.md stays true: its operations table lists exactly the
 * model's operations, which are exactly the router's handlers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../model/validate.ts';
import { HANDLERS } from './router.ts';

const doc = readFileSync(new URL('../../docs/api-coverage.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('## Operations'), doc.indexOf('\n## ', doc.indexOf('## Operations') + 5));
const documented = [...section.matchAll(/^\| `(\w+)` \| (.+) \|$/gm)].map((m) => ({ name: m[1]!, text: m[2]! }));

describe('docs/api-coverage.md', () => {
  it('lists every operation of the model once, and nothing else', () => {
    expect(documented.map((d) => d.name).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(new Set(documented.map((d) => d.name)).size).toBe(documented.length);
  });

  it('lists exactly the operations the router handles', () => {
    expect(documented.map((d) => d.name).sort()).toEqual(Object.keys(HANDLERS).sort());
  });

  it('says something about each of them', () => {
    for (const { name, text } of documented) expect(text.length, name).toBeGreaterThan(15);
  });
});

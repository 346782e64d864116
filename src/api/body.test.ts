import { describe, expect, it } from 'vitest';
import { CloudMapError } from '../model/errors.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseBody } from './body.ts';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

describe('nestsDeeperThan', () => {
  it('counts array and object nesting, not brackets inside strings', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(nestsDeeperThan(`{"a":"${'{['.repeat(40)}\\"["}`, 1)).toBe(false);
  });

  it('walks bodies with many brackets side by side (more openers than the limit, shallow)', () => {
    const wide = `{"Tags":[${Array.from({ length: 50 }, (_, i) => `{"Key":"k${i}","Value":"v"}`).join(',')}]}`;
    expect(nestsDeeperThan(wide, 3)).toBe(false);
    expect(nestsDeeperThan(wide, 2)).toBe(true);
  });
});

describe('parseBody', () => {
  it('accepts MAX_JSON_DEPTH levels and refuses one more with SerializationException', () => {
    expect(parseBody(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`)).toEqual({ a: expect.any(Array) });
    const error = (() => {
      try {
        parseBody(`{"a":${nested(MAX_JSON_DEPTH)}}`);
      } catch (e) {
        return e;
      }
    })() as CloudMapError;
    expect(error).toBeInstanceOf(CloudMapError);
    expect(error.type).toBe('SerializationException');
  });

  it('reads an empty body as {} and refuses non-objects', () => {
    expect(parseBody('')).toEqual({});
    expect(parseBody('  ')).toEqual({});
    expect(() => parseBody('[1]')).toThrow(/must be a JSON object/);
    expect(() => parseBody('{')).toThrow(/not valid JSON/);
  });
});

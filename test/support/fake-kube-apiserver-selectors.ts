/**
 * Label and field selectors for the fake Kubernetes API server, parsed and
 * matched as the real API server does (k8s.io/apimachinery `labels.Parse`
 * and `fields.ParseSelector`).
 *
 * Label selectors (`?labelSelector=`), requirements joined by commas:
 * `key`, `!key`, `key=value`, `key==value`, `key!=value`,
 * `key in (v1,v2)`, `key notin (v1,v2)`, `key>N`, `key<N` (N an integer).
 * `!=` and `notin` also match objects without the key.
 *
 * Field selectors (`?fieldSelector=`): `field=value`, `field==value`,
 * `field!=value` joined by commas; `\,`, `\=` and `\\` escape. Only the
 * fields a kind supports may be used (always `metadata.name` and
 * `metadata.namespace`); others are `field label not supported: F`.
 *
 * Both throw `SelectorError` (the server answers 400 BadRequest).
 */
import { isQualifiedName, isLabelValue } from './fake-kube-apiserver-names.ts';

/** A selector the server cannot parse; answered as 400 BadRequest. */
export class SelectorError extends Error {}

type Op = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | '>' | '<';

/** One parsed requirement. */
interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** A compiled selector: true when the object's labels (or fields) match. */
export type Matcher = (values: Record<string, string | undefined>) => boolean;

const SPECIAL = new Set(['!', '=', '(', ')', ',', '<', '>', ' ', '\t', '\n']);

function lex(input: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === '!' && input[i + 1] === '=') {
      tokens.push('!=');
      i += 2;
    } else if (c === '=' && input[i + 1] === '=') {
      tokens.push('==');
      i += 2;
    } else if (SPECIAL.has(c)) {
      tokens.push(c);
      i++;
    } else {
      let j = i;
      while (j < input.length && !SPECIAL.has(input[j]!)) j++;
      tokens.push(input.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

const isIdentifier = (t: string | undefined): t is string => t !== undefined && !SPECIAL.has(t) && t !== '!=' && t !== '==';

function parseValues(tokens: string[], at: number): [string[], number] {
  if (tokens[at] !== '(') throw new SelectorError(`unable to parse requirement: found '${tokens[at] ?? ''}', expected: '('`);
  const values: string[] = [];
  let i = at + 1;
  for (;;) {
    const t = tokens[i];
    if (t === ')') {
      if (values.length === 0) values.push('');
      return [values, i + 1];
    }
    if (isIdentifier(t)) {
      values.push(t);
      i++;
    } else if (t === ',') {
      if (tokens[i - 1] === '(' || tokens[i - 1] === ',') values.push('');
      i++;
      continue;
    } else {
      throw new SelectorError(`unable to parse requirement: found '${t ?? ''}', expected: ',', ')' or identifier`);
    }
    if (tokens[i] !== ',' && tokens[i] !== ')') throw new SelectorError(`unable to parse requirement: found '${tokens[i] ?? ''}', expected: ',' or ')'`);
  }
}

function checkKey(key: string): void {
  const problems = isQualifiedName(key);
  if (problems.length) throw new SelectorError(`unable to parse requirement: values[0][${key}]: Invalid value: "${key}": ${problems.join('; ')}`);
}

function checkValue(key: string, value: string): void {
  const problems = isLabelValue(value);
  if (problems.length) throw new SelectorError(`unable to parse requirement: values[0][${key}]: Invalid value: "${value}": ${problems.join('; ')}`);
}

/** Parses a label selector into requirements. @throws SelectorError */
function parseLabelRequirements(selector: string): Requirement[] {
  const tokens = lex(selector);
  const out: Requirement[] = [];
  let i = 0;
  while (i < tokens.length) {
    let req: Requirement;
    if (tokens[i] === '!') {
      const key = tokens[i + 1];
      if (!isIdentifier(key)) throw new SelectorError(`unable to parse requirement: found '${key ?? ''}', expected: identifier`);
      checkKey(key);
      req = { key, op: '!', values: [] };
      i += 2;
    } else {
      const key = tokens[i];
      if (!isIdentifier(key)) throw new SelectorError(`unable to parse requirement: found '${key ?? ''}', expected: !, identifier, or 'end of string'`);
      checkKey(key);
      const op = tokens[i + 1];
      if (op === undefined || op === ',') {
        req = { key, op: 'exists', values: [] };
        i += 1;
      } else if (op === '=' || op === '==' || op === '!=') {
        const next = tokens[i + 2];
        const value = isIdentifier(next) ? next : '';
        req = { key, op: op === '!=' ? '!=' : '=', values: [value] };
        i += isIdentifier(next) ? 3 : 2;
      } else if (op === 'in' || op === 'notin') {
        const [values, next] = parseValues(tokens, i + 2);
        req = { key, op, values };
        i = next;
      } else if (op === '>' || op === '<') {
        const value = tokens[i + 2];
        if (!isIdentifier(value) || !/^-?\d+$/.test(value)) {
          throw new SelectorError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        }
        req = { key, op, values: [value] };
        i += 3;
      } else {
        throw new SelectorError(`unable to parse requirement: found '${op}', expected: in, notin, =, ==, !=, gt, lt`);
      }
      if (req.op !== '>' && req.op !== '<') for (const v of req.values) checkValue(key, v);
    }
    out.push(req);
    if (i < tokens.length) {
      if (tokens[i] !== ',') throw new SelectorError(`found '${tokens[i]}', expected: ',' or 'end of string'`);
      i++;
      if (i === tokens.length) throw new SelectorError(`found '', expected: identifier after ','`);
    }
  }
  return out;
}

function matches(req: Requirement, values: Record<string, string | undefined>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, req.key) && values[req.key] !== undefined;
  const value = values[req.key];
  switch (req.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case 'in':
      return has && req.values.includes(value!);
    case '!=':
    case 'notin':
      return !has || !req.values.includes(value!);
    case '>':
    case '<': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const n = Number(value);
      const bound = Number(req.values[0]);
      return req.op === '>' ? n > bound : n < bound;
    }
  }
}

/**
 * Compiles a label selector; the empty or absent selector matches everything.
 * @throws SelectorError on a syntax error or an invalid key or value
 */
export function parseLabelSelector(selector: string | null | undefined): Matcher {
  if (!selector || selector.trim() === '') return () => true;
  const reqs = parseLabelRequirements(selector);
  return (labels) => reqs.every((r) => matches(r, labels));
}

function splitUnescaped(input: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '\\' && i + 1 < input.length) {
      current += c + input[i + 1];
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

/**
 * Compiles a field selector over `supported` field paths; the matcher is given
 * the object's field values by path.
 * @throws SelectorError on a syntax error or an unsupported field
 */
export function parseFieldSelector(selector: string | null | undefined, supported: readonly string[]): Matcher {
  if (!selector || selector.trim() === '') return () => true;
  const reqs: Requirement[] = [];
  for (const part of splitUnescaped(selector, ',')) {
    const m = /^([^=!]+?)\s*(==|!=|=)\s*(.*)$/s.exec(part.trim());
    if (!m) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const field = m[1]!.trim();
    if (!supported.includes(field)) throw new SelectorError(`field label not supported: ${field}`);
    reqs.push({ key: field, op: m[2] === '!=' ? '!=' : '=', values: [unescape(m[3]!)] });
  }
  return (fields) => reqs.every((r) => (r.op === '=' ? fields[r.key] === r.values[0] : fields[r.key] !== r.values[0]));
}

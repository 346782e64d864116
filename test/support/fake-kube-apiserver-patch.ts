/**
 * PATCH bodies for the fake Kubernetes API server:
 * - `application/merge-patch+json`: JSON Merge Patch (RFC 7386);
 * - `application/json-patch+json`: JSON Patch (RFC 6902: add, remove,
 *   replace, move, copy, test);
 * - `application/strategic-merge-patch+json`: applied as a merge patch.
 *   Difference from the real server: lists are replaced whole instead of
 *   merged by their patch merge key.
 * Server-side apply (`application/apply-patch+yaml`) is not supported: the
 * server answers 415.
 */

/** A patch that cannot be applied (the server answers 422). */
export class PatchError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 §2: null removes a member, objects merge recursively, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** Splits a JSON Pointer (RFC 6901) into unescaped tokens. */
function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(path)}`);
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, tokens: string[], op: string): [any, string] {
  let node: any = doc;
  for (const t of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
    if (node === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "/${tokens.join('/')}"`);
  }
  return [node, tokens[tokens.length - 1]!];
}

function getAt(doc: unknown, path: string): unknown {
  let node: any = doc;
  for (const t of pointer(path)) {
    node = Array.isArray(node) ? node[Number(t)] : isObject(node) ? node[t] : undefined;
    if (node === undefined) throw new PatchError(`doc is missing path: "${path}"`);
  }
  return node;
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const [parent, last] = parentOf(doc, tokens, 'add');
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new PatchError(`add operation does not apply: index ${last} out of bounds`);
    parent.splice(i, 0, value);
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw new PatchError(`add operation does not apply: doc is missing path: "${path}"`);
  }
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const [parent, last] = parentOf(doc, pointer(path), 'remove');
  if (Array.isArray(parent) && Number(last) < parent.length) parent.splice(Number(last), 1);
  else if (isObject(parent) && last in parent) delete parent[last];
  else throw new PatchError(`remove operation does not apply: doc is missing path: "${path}"`);
  return doc;
}

/** RFC 6902 JSON Patch. @throws PatchError when an operation does not apply */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('a JSON Patch must be an array of operations');
  let doc = structuredClone(target);
  for (const op of ops as { op: string; path: string; value?: unknown; from?: string }[]) {
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, structuredClone(op.value));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        getAt(doc, op.path);
        doc = add(remove(doc, op.path), op.path, structuredClone(op.value));
        break;
      case 'move': {
        const value = getAt(doc, op.from ?? '');
        doc = add(remove(doc, op.from ?? ''), op.path, value);
        break;
      }
      case 'copy':
        doc = add(doc, op.path, structuredClone(getAt(doc, op.from ?? '')));
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value)) throw new PatchError(`testing value ${op.path} failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

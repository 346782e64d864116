/**
 * Reads the `# -- text` comments of a Helm values.yaml (the helm-docs
 * convention): which value paths are documented, with their defaults.
 */
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';

/** One documented value: dotted path, default (JSON), and the comment text. */
export interface DocumentedValue {
  path: string;
  default: string;
  doc: string;
}

const docOf = (comment: string | null | undefined): string =>
  (comment ?? '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('--')).map((l) => l.slice(2).trim()).join(' ');

/**
 * Walks values.yaml. A value is documented by a `# --` comment right above
 * its key (for the first key of a map, the yaml parser keeps that comment on
 * the map). Returns the documented values and the leaf paths no comment
 * covers (neither their own nor an ancestor's).
 */
export function documentedValues(text: string): { documented: DocumentedValue[]; undocumented: string[] } {
  const documented: DocumentedValue[] = [];
  const undocumented: string[] = [];
  const walk = (map: YAMLMap, prefix: string): void => {
    map.items.forEach((pair, i) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const path = `${prefix}${key}`;
      const doc = docOf((pair.key as { commentBefore?: string }).commentBefore) || (i === 0 ? docOf(map.commentBefore) : '');
      if (doc) {
        const v = pair.value as { toJSON?: () => unknown; value?: unknown } | null;
        documented.push({ path, default: JSON.stringify(isScalar(v) ? v.value : v?.toJSON?.()), doc });
      } else if (isMap(pair.value)) walk(pair.value, `${path}.`);
      else undocumented.push(path);
    });
  };
  const doc = parseDocument(text);
  if (isMap(doc.contents)) walk(doc.contents, '');
  return { documented, undocumented };
}

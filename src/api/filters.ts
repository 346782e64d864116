/**
 * List filters (AWS `NamespaceFilter`, `ServiceFilter`, `OperationFilter`):
 * `{Name, Values, Condition}` with conditions EQ (one value, the default), IN
 * (one or more values), BEGINS_WITH (one value) and BETWEEN (two epoch-second
 * values, start first). Which conditions each filter name accepts is a table
 * per operation; anything else is `InvalidInput`.
 * Source: model docs of NamespaceFilter, ServiceFilter, OperationFilter.
 */
import { errors } from '../model/errors.ts';

/** A filter as sent by the client (already validated against the model). */
export interface FilterInput {
  Name: string;
  Values: string[];
  Condition?: string;
}

/** How one filter name reads an item and which conditions it takes. */
export interface FilterField<T> {
  conditions: readonly ('EQ' | 'IN' | 'BEGINS_WITH' | 'BETWEEN')[];
  /** The item's value(s) for this filter (several when the filter matches any). */
  value: (item: T) => string | number | undefined;
  /** Compare case-insensitively (names). */
  caseInsensitive?: boolean;
}

/** Filter name → field, for one List operation. */
export type FilterTable<T> = Readonly<Record<string, FilterField<T>>>;

/**
 * Turns `filters` into one predicate over items.
 * @throws InvalidInput for a condition the filter name does not support, a
 *   wrong number of values, or a filter name given twice
 */
export function compileFilters<T>(filters: readonly FilterInput[] | undefined, table: FilterTable<T>): (item: T) => boolean {
  if (!filters || filters.length === 0) return () => true;
  const seen = new Set<string>();
  const tests = filters.map((f) => {
    const field = table[f.Name];
    if (!field) throw errors.invalidInput(`Filter name ${f.Name} is not supported by this operation`);
    if (seen.has(f.Name)) throw errors.invalidInput(`Filter ${f.Name} is specified more than once`);
    seen.add(f.Name);
    const condition = (f.Condition ?? 'EQ') as FilterField<T>['conditions'][number];
    if (!field.conditions.includes(condition)) {
      throw errors.invalidInput(`Condition ${condition} is not supported for filter ${f.Name}`);
    }
    return compileOne(f, condition, field);
  });
  return (item) => tests.every((test) => test(item));
}

function compileOne<T>(f: FilterInput, condition: string, field: FilterField<T>): (item: T) => boolean {
  const norm = (v: string): string => (field.caseInsensitive ? v.toLowerCase() : v);
  const values = f.Values.map(norm);
  const single = (): string => {
    if (values.length !== 1) throw errors.invalidInput(`Condition ${condition} for filter ${f.Name} takes exactly one value`);
    return values[0]!;
  };
  switch (condition) {
    case 'EQ': {
      const want = single();
      return (item) => norm(String(field.value(item) ?? '')) === want;
    }
    case 'BEGINS_WITH': {
      const want = single();
      return (item) => norm(String(field.value(item) ?? '')).startsWith(want);
    }
    case 'IN': {
      const set = new Set(values);
      return (item) => set.has(norm(String(field.value(item) ?? '')));
    }
    default: {
      // BETWEEN: epoch seconds, start first.
      const [start, end] = values.map(Number);
      if (values.length !== 2 || !Number.isFinite(start) || !Number.isFinite(end)) {
        throw errors.invalidInput(`Condition BETWEEN for filter ${f.Name} takes a start and an end date in epoch seconds`);
      }
      return (item) => {
        const v = Number(field.value(item));
        return v >= start! && v <= end!;
      };
    }
  }
}

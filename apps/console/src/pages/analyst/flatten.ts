/** A report item as one table row, as the API's CSV flattens it: nested `a.b`, lists space-joined. */
export type Cell = string | number | boolean | null;

export function flatten(value: Record<string, unknown>, prefix = '', into: Record<string, Cell> = {}) {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(v)) into[name] = v.map((x) => (x === null ? '' : String(x))).join(' ');
    else if (v !== null && typeof v === 'object') flatten(v as Record<string, unknown>, name, into);
    else into[name] = (v as Cell | undefined) ?? null;
  }
  return into;
}

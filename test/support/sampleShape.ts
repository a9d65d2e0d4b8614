/** Compares a real output with an action's static sample: same keys, same JSON types. */

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every key path of a value (into the first item of lists) with its JSON type. */
function shape(value: unknown, path = ''): [string, string][] {
  const here: [string, string][] = path ? [[path, jsonType(value)]] : [];
  if (Array.isArray(value)) {
    return value.length > 0 ? [...here, ...shape(value[0], `${path}[0]`)] : here;
  }
  if (typeof value === 'object' && value !== null) {
    return [
      ...here,
      ...Object.entries(value).flatMap(([key, item]) => shape(item, path ? `${path}.${key}` : key)),
    ];
  }
  return here;
}

function valueAt(value: unknown, path: string): unknown {
  return path.split(/\.|(?=\[)/).reduce<unknown>((current, part) => {
    if (current === null || current === undefined) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) return Array.isArray(current) ? current[Number(index[1])] : undefined;
    return typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  }, value);
}

/** The sample's keys the real output lacks or carries with another type, e.g. "url: sample string, real null". */
export function sampleMismatches(sample: Record<string, unknown>, output: unknown): string[] {
  const first = Array.isArray(output) ? (output[0] as unknown) : output;
  return shape(sample).flatMap(([path, type]) => {
    const actual = jsonType(valueAt(first, path));
    return actual === type ? [] : [`${path}: sample ${type}, real ${actual}`];
  });
}

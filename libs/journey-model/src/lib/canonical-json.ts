/**
 * JSON with object keys sorted at every depth, so two equal events serialize (and hash) equally
 * whatever order their keys arrived in. Follows JSON.stringify otherwise: undefined members are
 * left out, undefined array items and non-finite numbers become null, toJSON is honoured.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? 'null';
}

function serialize(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialize((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return Array.isArray(value) ? serializeArray(value) : serializeObject(value as Record<string, unknown>);
    default:
      // undefined, functions and symbols have no JSON form.
      return undefined;
  }
}

function serializeArray(items: readonly unknown[]): string {
  return `[${items.map((item) => serialize(item) ?? 'null').join(',')}]`;
}

function serializeObject(object: Record<string, unknown>): string {
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = serialize(object[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

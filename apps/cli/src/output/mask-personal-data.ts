import { findPersonalData, personalKeyKind } from '@touchpoint/personal-data';

/**
 * Keys whose values point at a person: identifiers (also as hashes, which are stable across
 * systems and so link a person), addresses, free-form traits. Profile ids stay: they are
 * Touchpoint's own pseudonymous ids and what an engineer follows.
 */
const maskedKeys = new Set(['userid', 'anonymousid', 'loyaltyid', 'poscustomerid', 'deviceid', 'emailhash', 'phonehash', 'ip', 'useragent', 'traits', 'address', 'firstname', 'lastname']);

const normalized = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '');

/** A masked value keeps its last three characters, so two records can still be matched by eye. */
export function maskValue(value: string): string {
  return value.length > 12 ? `•••${value.slice(-3)}` : '•••';
}

function maskText(text: string): string {
  let result = text;
  for (const match of findPersonalData(text).reverse()) result = `${result.slice(0, match.index)}[${match.kind}]${result.slice(match.index + match.text.length)}`;
  return result;
}

function maskAll(value: unknown): unknown {
  if (typeof value === 'string') return maskValue(value);
  if (Array.isArray(value)) return value.map(maskAll);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, maskAll(child)]));
  return value === null ? null : '•••';
}

/** `{ type, value }` identifier objects: the type is kept, the value masked. */
function isIdentifier(value: object): value is { type: string; value: string } {
  return 'type' in value && 'value' in value && typeof value.value === 'string' && Object.keys(value).length === 2;
}

/** A copy of a decoded message with personal data masked; `--show-pii` skips this. */
export function maskPersonalData(value: unknown, depth = 0): unknown {
  if (depth > 64) return '•••';
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  if (isIdentifier(value)) return { type: value.type, value: maskValue(value.value) };
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (maskedKeys.has(normalized(key)) || personalKeyKind(key) !== undefined) return [key, maskAll(child)];
      return [key, maskPersonalData(child, depth + 1)];
    }),
  );
}

/** A message key such as `userId:sanne-42`: the kind stays, the value is masked. */
export function maskKey(key: string | null): string | null {
  if (key === null) return null;
  const colon = key.indexOf(':');
  if (colon > 0 && maskedKeys.has(normalized(key.slice(0, colon)))) return `${key.slice(0, colon)}:${maskValue(key.slice(colon + 1))}`;
  return maskText(key);
}

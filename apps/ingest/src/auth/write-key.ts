/**
 * The write key a request presents: Segment SDKs send it as the HTTP Basic user name with an
 * empty password; some clients put `writeKey` in the JSON body instead. The header wins.
 */
export function presentedWriteKey(authorization: string | undefined, body: unknown): string | undefined {
  const basic = authorization ? /^Basic\s+(\S+)\s*$/i.exec(authorization) : null;
  if (basic) {
    const credentials = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = credentials.indexOf(':');
    const user = separator === -1 ? credentials : credentials.slice(0, separator);
    return user || undefined;
  }
  if (body !== null && typeof body === 'object' && 'writeKey' in body && typeof body.writeKey === 'string' && body.writeKey) {
    return body.writeKey;
  }
  return undefined;
}

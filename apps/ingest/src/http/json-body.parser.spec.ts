import { TouchpointError } from '@touchpoint/contracts';
import { parseJsonBody } from './json-body.parser';

function codeOf(body: string): string | undefined {
  try {
    parseJsonBody(Buffer.from(body));
    return undefined;
  } catch (error) {
    return error instanceof TouchpointError ? error.code : 'not a TouchpointError';
  }
}

describe('parseJsonBody', () => {
  it('parses JSON bodies, unicode included', () => {
    expect(parseJsonBody(Buffer.from('{"event":"Product Viewed","properties":{"name":"Regenjas ☂"}}'))).toEqual({
      event: 'Product Viewed',
      properties: { name: 'Regenjas ☂' },
    });
  });

  it('refuses empty, truncated and prototype-poisoning bodies as malformed JSON', () => {
    expect(codeOf('')).toBe('TP_INGEST_MALFORMED_JSON');
    expect(codeOf('  \n')).toBe('TP_INGEST_MALFORMED_JSON');
    expect(codeOf('{"event": "x",')).toBe('TP_INGEST_MALFORMED_JSON');
    expect(codeOf('{"properties": {"__proto__": {"admin": true}}}')).toBe('TP_INGEST_MALFORMED_JSON');
    expect(codeOf('{"constructor": {"prototype": {"admin": true}}}')).toBe('TP_INGEST_MALFORMED_JSON');
    expect(codeOf('{"constructor": "a key like any other"}')).toBeUndefined();
    expect(codeOf('{"properties": {"\\u005f_proto__": {"admin": true}}}')).toBe('TP_INGEST_MALFORMED_JSON');
    expect(codeOf('{"\\u0063onstructor": {"prototype": {"admin": true}}}')).toBe('TP_INGEST_MALFORMED_JSON');
  });
});

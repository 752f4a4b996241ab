import { presentedWriteKey } from './write-key';

const basic = (credentials: string): string => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('presentedWriteKey', () => {
  it('reads the Basic user name, as Segment SDKs send it with an empty password', () => {
    expect(presentedWriteKey(basic('wk_123456:'), undefined)).toBe('wk_123456');
    expect(presentedWriteKey(basic('wk_123456:ignored'), undefined)).toBe('wk_123456');
    expect(presentedWriteKey(basic('wk_123456'), undefined)).toBe('wk_123456');
    expect(presentedWriteKey(`basic   ${Buffer.from('wk_123456:').toString('base64')}`, undefined)).toBe('wk_123456');
  });

  it('falls back to writeKey in the body, the header winning when both are there', () => {
    expect(presentedWriteKey(undefined, { writeKey: 'wk_body', event: 'x' })).toBe('wk_body');
    expect(presentedWriteKey(basic('wk_header:'), { writeKey: 'wk_body' })).toBe('wk_header');
  });

  it('finds none in other schemes, empty user names or bodies without a string key', () => {
    expect(presentedWriteKey('Bearer wk_123456', undefined)).toBeUndefined();
    expect(presentedWriteKey(basic(':password'), undefined)).toBeUndefined();
    expect(presentedWriteKey(undefined, { writeKey: 42 })).toBeUndefined();
    expect(presentedWriteKey(undefined, { writeKey: '' })).toBeUndefined();
    expect(presentedWriteKey(undefined, null)).toBeUndefined();
    expect(presentedWriteKey(undefined, ['wk'])).toBeUndefined();
  });
});

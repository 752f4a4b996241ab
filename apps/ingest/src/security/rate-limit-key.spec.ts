import { WriteKeys } from '../auth/write-keys';
import { rateLimitBucket } from './rate-limit-key';

const basic = (key: string): string => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const keys = new WriteKeys(new Map([
  ['web_key_old_1', { source: 'web', kind: 'web' }],
  ['web_key_new_1', { source: 'web', kind: 'web' }],
  ['pos_key_1', { source: 'pos', kind: 'pos' }],
]));

describe('rateLimitBucket', () => {
  it('gives each known write key a budget of its own, named without the key', () => {
    const old = rateLimitBucket(keys, basic('web_key_old_1'), undefined, '10.0.0.1');
    const rotated = rateLimitBucket(keys, basic('web_key_new_1'), undefined, '10.0.0.1');
    expect(old.kind).toBe('write-key');
    expect(old.id).toMatch(/^key:web:/);
    expect(rotated.id).not.toBe(old.id);
    expect(old.id).not.toContain('web_key_old_1');
    expect(rateLimitBucket(keys, basic('pos_key_1'), undefined, '10.0.0.2').id).toMatch(/^key:pos:/);
  });

  it('counts a key sent in the body against the same budget as in the header, whatever the address', () => {
    expect(rateLimitBucket(keys, undefined, { writeKey: 'web_key_old_1' }, '10.0.0.9')).toEqual(rateLimitBucket(keys, basic('web_key_old_1'), undefined, '10.0.0.1'));
  });

  it('counts requests without a known key against their client address', () => {
    expect(rateLimitBucket(keys, undefined, undefined, '10.0.0.1')).toEqual({ kind: 'client', id: 'client:10.0.0.1' });
    expect(rateLimitBucket(keys, basic('guessed_key_1'), undefined, '10.0.0.1')).toEqual({ kind: 'client', id: 'client:10.0.0.1' });
  });
});

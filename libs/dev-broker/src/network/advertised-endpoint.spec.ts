import { advertisedEndpoint, clientFacingHost } from './advertised-endpoint';

describe('advertised endpoint', () => {
  it('writes an IPv4-mapped IPv6 address as plain IPv4', () => {
    expect(clientFacingHost('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(clientFacingHost('::FFFF:10.1.2.3')).toBe('10.1.2.3');
  });

  it('leaves IPv4 and real IPv6 addresses alone', () => {
    expect(clientFacingHost('192.168.0.7')).toBe('192.168.0.7');
    expect(clientFacingHost('::1')).toBe('::1');
    expect(clientFacingHost('fe80::ffff:1')).toBe('fe80::ffff:1');
  });

  it('answers with the connection when no host is configured', () => {
    expect(advertisedEndpoint(null, 9092, { host: '10.0.0.5', port: 9092 })).toEqual({ host: '10.0.0.5', port: 9092 });
  });

  it('answers with the configured host and the bound port when one is set', () => {
    expect(advertisedEndpoint('kafka.local', 9092, { host: '127.0.0.1', port: 9092 })).toEqual({ host: 'kafka.local', port: 9092 });
  });
});

import { kafkajsSecurity } from './kafka-security';

describe('kafkajsSecurity', () => {
  it('adds nothing for plain TCP', () => {
    expect(kafkajsSecurity(undefined)).toEqual({});
    expect(kafkajsSecurity({ tls: null, sasl: null })).toEqual({});
  });

  it('maps TLS with a CA and a client certificate, and SCRAM credentials', () => {
    expect(
      kafkajsSecurity({
        tls: { ca: 'CA', cert: 'CERT', key: 'KEY', rejectUnauthorized: true },
        sasl: { mechanism: 'scram-sha-256', username: 'svc', password: 'pw' },
      }),
    ).toEqual({ ssl: { rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' }, sasl: { mechanism: 'scram-sha-256', username: 'svc', password: 'pw' } });
  });

  it('trusts the system CAs when no CA file is given', () => {
    expect(kafkajsSecurity({ tls: { ca: null, cert: null, key: null, rejectUnauthorized: false }, sasl: null })).toEqual({ ssl: { rejectUnauthorized: false } });
  });
});

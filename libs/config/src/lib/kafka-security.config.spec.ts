import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error';
import { kafkaSecurityOf, kafkaSecuritySchema } from './kafka-security.config';
import { parseEnv } from './parse-env';

const load = (env: Record<string, string>) => parseEnv(kafkaSecuritySchema, env, kafkaSecurityOf);

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('Kafka security settings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tp-kafka-security-'));
  const pem = (name: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `-----BEGIN ${name}-----\n`);
    return file;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is plain TCP without SASL by default', () => {
    expect(load({})).toEqual({ tls: null, sasl: null });
  });

  it('reads SASL/SCRAM credentials and a CA file, which alone switches TLS on', () => {
    const ca = pem('CA');
    expect(load({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'pw', KAFKA_SSL_CA_FILE: ca })).toEqual({
      tls: { ca: '-----BEGIN CA-----\n', cert: null, key: null, rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' },
    });
    expect(load({ KAFKA_SSL: 'true' }).tls).toEqual({ ca: null, cert: null, key: null, rejectUnauthorized: true });
  });

  it('names each variable that is missing, unreadable or out of place', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([{ variable: 'KAFKA_SASL_MECHANISM', message: 'must be plain, scram-sha-256 or scram-sha-512' }]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain' }).map((p) => p.variable)).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'svc' }).map((p) => p.variable)).toEqual(['KAFKA_SASL_MECHANISM']);
    expect(problemsOf({ KAFKA_SSL_CERT_FILE: pem('CERT') })).toEqual([expect.objectContaining({ variable: 'KAFKA_SSL_KEY_FILE' })]);
    expect(problemsOf({ KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem') })).toEqual([{ variable: 'KAFKA_SSL_CA_FILE', message: `cannot read ${path.join(dir, 'missing.pem')}: ENOENT` }]);
  });
});

import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error';
import { envBool } from './env-values';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/**
 * How a service authenticates to Kafka and encrypts the connection, as Strimzi and managed
 * Kafka offerings require. Certificates and keys are read once at boot, in PEM.
 */
export interface KafkaSecurity {
  /** null: plain TCP. ca null: the system's trusted CAs. cert and key: mutual TLS. */
  readonly tls: { readonly ca: string | null; readonly cert: string | null; readonly key: string | null; readonly rejectUnauthorized: boolean } | null;
  readonly sasl: { readonly mechanism: SaslMechanism; readonly username: string; readonly password: string } | null;
}

export const kafkaSecuritySchema = z.object({
  KAFKA_SSL: envBool.default(false),
  KAFKA_SSL_CA_FILE: z.string().trim().min(1).optional(),
  KAFKA_SSL_CERT_FILE: z.string().trim().min(1).optional(),
  KAFKA_SSL_KEY_FILE: z.string().trim().min(1).optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: envBool.default(true),
  KAFKA_SASL_MECHANISM: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['plain', 'scram-sha-256', 'scram-sha-512'], { message: 'must be plain, scram-sha-256 or scram-sha-512' }))
    .optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
});

type SecurityValues = z.output<typeof kafkaSecuritySchema>;

function readPem(variable: string, file: string | undefined, problems: { variable: string; message: string }[]): string | null {
  if (file === undefined) return null;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ variable, message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return null;
  }
}

/** Checks that the settings fit together (a mechanism needs a user, a cert needs its key) and reads the PEM files. */
export function kafkaSecurityOf(values: SecurityValues): KafkaSecurity {
  const problems: { variable: string; message: string }[] = [];
  const ca = readPem('KAFKA_SSL_CA_FILE', values.KAFKA_SSL_CA_FILE, problems);
  const cert = readPem('KAFKA_SSL_CERT_FILE', values.KAFKA_SSL_CERT_FILE, problems);
  const key = readPem('KAFKA_SSL_KEY_FILE', values.KAFKA_SSL_KEY_FILE, problems);
  if ((cert === null) !== (key === null) && problems.length === 0) {
    problems.push({ variable: cert === null ? 'KAFKA_SSL_CERT_FILE' : 'KAFKA_SSL_KEY_FILE', message: 'a client certificate and its key go together: set both or neither' });
  }
  const mechanism = values.KAFKA_SASL_MECHANISM;
  if (mechanism && !values.KAFKA_SASL_USERNAME) problems.push({ variable: 'KAFKA_SASL_USERNAME', message: `required with KAFKA_SASL_MECHANISM=${mechanism}` });
  if (mechanism && !values.KAFKA_SASL_PASSWORD) problems.push({ variable: 'KAFKA_SASL_PASSWORD', message: `required with KAFKA_SASL_MECHANISM=${mechanism}` });
  if (!mechanism && (values.KAFKA_SASL_USERNAME || values.KAFKA_SASL_PASSWORD)) {
    problems.push({ variable: 'KAFKA_SASL_MECHANISM', message: 'set it (plain, scram-sha-256 or scram-sha-512) to use KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Any certificate setting means TLS; KAFKA_SSL=true alone trusts the system's CAs.
  const tlsOn = values.KAFKA_SSL || ca !== null || cert !== null;
  return {
    tls: tlsOn ? { ca, cert, key, rejectUnauthorized: values.KAFKA_SSL_REJECT_UNAUTHORIZED } : null,
    sasl: mechanism && values.KAFKA_SASL_USERNAME && values.KAFKA_SASL_PASSWORD ? { mechanism, username: values.KAFKA_SASL_USERNAME, password: values.KAFKA_SASL_PASSWORD } : null,
  };
}

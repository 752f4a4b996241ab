import type { KafkaSecurity } from '@touchpoint/config';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

type TlsSettings = NonNullable<KafkaSecurity['tls']>;
type SaslSettings = NonNullable<KafkaSecurity['sasl']>;

function saslOptions({ mechanism, username, password }: SaslSettings): SASLOptions {
  // kafkajs types SASL options per mechanism literal; a switch keeps each one exact.
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

function sslOptions(tls: TlsSettings): NonNullable<KafkaConfig['ssl']> {
  return {
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.ca ? { ca: [tls.ca] } : {}),
    ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
  };
}

/** kafkajs's `ssl` and `sasl` options for the configured security; the one mapping every client uses. */
export function kafkajsSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return {
    ...(security?.tls ? { ssl: sslOptions(security.tls) } : {}),
    ...(security?.sasl ? { sasl: saslOptions(security.sasl) } : {}),
  };
}

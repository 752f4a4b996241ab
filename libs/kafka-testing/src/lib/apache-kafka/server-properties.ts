/** SASL mechanisms both Apache Kafka and kafkajs speak. */
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaUser {
  readonly username: string;
  readonly password: string;
}

/**
 * A second, authenticated listener beside the plain one, the way Strimzi and managed Kafka
 * expose brokers: SASL over TLS (or over plain TCP when `tls` is false).
 */
export interface SecureListenerOptions {
  readonly port: number;
  readonly mechanisms: readonly SaslMechanism[];
  readonly users: readonly KafkaUser[];
  readonly tls: { readonly keystorePath: string; readonly password: string } | null;
}

export interface ServerPropertiesInput {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly logDir: string;
  readonly secure: SecureListenerOptions | null;
  /** Extra broker settings, e.g. `log.cleaner.backoff.ms` for compaction tests. */
  readonly overrides: Readonly<Record<string, string>>;
}

const jaasModule: Record<SaslMechanism, string> = {
  plain: 'org.apache.kafka.common.security.plain.PlainLoginModule',
  'scram-sha-256': 'org.apache.kafka.common.security.scram.ScramLoginModule',
  'scram-sha-512': 'org.apache.kafka.common.security.scram.ScramLoginModule',
};

function jaasConfig(mechanism: SaslMechanism, users: readonly KafkaUser[]): string {
  // PLAIN checks passwords against the JAAS entry itself; SCRAM against credentials stored
  // in the cluster metadata when storage is formatted (see scramCredentialArguments).
  const entries = mechanism === 'plain' ? users.map((user) => ` user_${user.username}="${user.password}"`).join('') : '';
  return `${jaasModule[mechanism]} required${entries};`;
}

/**
 * The settings of a single KRaft node acting as broker and controller, with replication
 * factor 1 for every internal topic (there is one node to hold them) and no initial
 * rebalance delay so test consumer groups start at once.
 */
export function serverProperties(input: ServerPropertiesInput): string {
  const { host, port, controllerPort, secure } = input;
  const listeners = [`PLAINTEXT://${host}:${port}`, `CONTROLLER://${host}:${controllerPort}`];
  const advertised = [`PLAINTEXT://${host}:${port}`];
  const protocols = ['PLAINTEXT:PLAINTEXT', 'CONTROLLER:PLAINTEXT'];
  const settings: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(input.nodeId),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.quorum.bootstrap.servers': `${host}:${controllerPort}`,
    'log.dirs': input.logDir,
    'num.partitions': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '3',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'share.coordinator.state.topic.replication.factor': '1',
    'share.coordinator.state.topic.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'true',
  };
  if (secure) {
    const protocol = secure.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
    listeners.push(`SECURE://${host}:${secure.port}`);
    advertised.push(`SECURE://${host}:${secure.port}`);
    protocols.push(`SECURE:${protocol}`);
    settings['listener.name.secure.sasl.enabled.mechanisms'] = secure.mechanisms.map((m) => m.toUpperCase()).join(',');
    for (const mechanism of secure.mechanisms) settings[`listener.name.secure.${mechanism}.sasl.jaas.config`] = jaasConfig(mechanism, secure.users);
    if (secure.tls) {
      settings['listener.name.secure.ssl.keystore.location'] = secure.tls.keystorePath;
      settings['listener.name.secure.ssl.keystore.type'] = 'PKCS12';
      settings['listener.name.secure.ssl.keystore.password'] = secure.tls.password;
      settings['listener.name.secure.ssl.key.password'] = secure.tls.password;
    }
  }
  settings['listeners'] = listeners.join(',');
  settings['advertised.listeners'] = advertised.join(',');
  settings['listener.security.protocol.map'] = protocols.join(',');
  Object.assign(settings, input.overrides);
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value.replace(/\\/g, '\\\\')}`)
    .join('\n')}\n`;
}

/** `kafka-storage format` arguments that store each user's SCRAM credentials before the first start. */
export function scramCredentialArguments(secure: SecureListenerOptions | null): string[] {
  if (!secure) return [];
  return secure.mechanisms
    .filter((mechanism) => mechanism !== 'plain')
    .flatMap((mechanism) => secure.users.flatMap((user) => ['--add-scram', `${mechanism.toUpperCase()}=[name=${user.username},password=${user.password}]`]));
}

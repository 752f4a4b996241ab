import { scramCredentialArguments, serverProperties } from './server-properties';

const parse = (text: string): Record<string, string> =>
  Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));

const base = { nodeId: 1, host: '127.0.0.1', port: 19092, controllerPort: 19093, logDir: '/data/log', overrides: {} };

describe('serverProperties', () => {
  it('describes one KRaft node as broker and controller with single-replica internal topics', () => {
    const props = parse(serverProperties({ ...base, secure: null }));
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      listeners: 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:19092',
      'controller.quorum.bootstrap.servers': '127.0.0.1:19093',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': '1',
      'group.initial.rebalance.delay.ms': '0',
    });
    expect(props['listener.security.protocol.map']).toBe('PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT');
  });

  it('adds a SASL_SSL listener with a JAAS entry per mechanism; PLAIN carries the users, SCRAM does not', () => {
    const secure = {
      port: 19094,
      mechanisms: ['plain', 'scram-sha-256'] as const,
      users: [{ username: 'svc', password: 's3cret' }],
      tls: { keystorePath: '/data/broker.p12', password: 'pw' },
    };
    const props = parse(serverProperties({ ...base, secure }));
    expect(props['listener.security.protocol.map']).toContain('SECURE:SASL_SSL');
    expect(props['listener.name.secure.sasl.enabled.mechanisms']).toBe('PLAIN,SCRAM-SHA-256');
    expect(props['listener.name.secure.plain.sasl.jaas.config']).toBe('org.apache.kafka.common.security.plain.PlainLoginModule required user_svc="s3cret";');
    expect(props['listener.name.secure.scram-sha-256.sasl.jaas.config']).toBe('org.apache.kafka.common.security.scram.ScramLoginModule required;');
    expect(props['listener.name.secure.ssl.keystore.location']).toBe('/data/broker.p12');
    expect(scramCredentialArguments(secure)).toEqual(['--add-scram', 'SCRAM-SHA-256=[name=svc,password=s3cret]']);
  });

  it('uses SASL_PLAINTEXT without TLS material, and lets overrides win', () => {
    const props = parse(
      serverProperties({ ...base, secure: { port: 19094, mechanisms: ['scram-sha-512'], users: [], tls: null }, overrides: { 'log.cleaner.backoff.ms': '100', 'num.partitions': '3' } }),
    );
    expect(props['listener.security.protocol.map']).toContain('SECURE:SASL_PLAINTEXT');
    expect(props['listener.name.secure.ssl.keystore.location']).toBeUndefined();
    expect(props['num.partitions']).toBe('3');
    expect(props['log.cleaner.backoff.ms']).toBe('100');
  });
});

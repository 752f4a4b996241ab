import { TouchpointError } from '@touchpoint/contracts';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyFailure, hasBrokerErrorType } from './failure-classification';

/** What node's net module rejects with: the code is the only reliable field. */
const socketError = (code: string, message = `connect ${code} 127.0.0.1:6379`): Error => Object.assign(new Error(message), { code, syscall: 'connect' });

const postgresError = (code: string, message: string): DatabaseError => Object.assign(new DatabaseError(message, 0, 'error'), { code, severity: 'ERROR' });

const replyError = (message: string): Error => Object.assign(new Error(message), { name: 'ReplyError', command: { name: 'get', args: ['k'] } });

describe('classifyFailure', () => {
  it.each([
    ['a schema violation', new TouchpointError('TP_CONSUMER_SCHEMA_MISMATCH', 'mergeId: Required'), 'TP_CONSUMER_SCHEMA_MISMATCH'],
    ['undecodable bytes', new TouchpointError('TP_CONSUMER_UNDECODABLE', 'not JSON'), 'TP_CONSUMER_UNDECODABLE'],
    ['a handler refusing the message for good', new TouchpointError('TP_IDENTITY_NO_IDENTIFIER', 'no identifier'), 'TP_IDENTITY_NO_IDENTIFIER'],
  ])('dead-letters %s at once, under its own code', (_, error, code) => {
    expect(classifyFailure(error)).toMatchObject({ kind: 'permanent', code });
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])('waits on the socket error %s', (code) => {
    expect(classifyFailure(socketError(code))).toMatchObject({ kind: 'dependency', cause: expect.stringContaining(code) });
  });

  it.each([
    ['08006', 'connection failure'],
    ['40001', 'could not serialize access due to concurrent update'],
    ['40P01', 'deadlock detected'],
    ['53300', 'sorry, too many clients already'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['55P03', 'could not obtain lock on row'],
  ])('waits on Postgres SQLSTATE %s', (code, message) => {
    expect(classifyFailure(postgresError(code, message)).kind).toBe('dependency');
  });

  it('looks through TypeORM to the driver error it wraps', () => {
    const wrapped = new QueryFailedError('SELECT 1', [], postgresError('57P01', 'terminating connection due to administrator command'));
    expect(classifyFailure(wrapped).kind).toBe('dependency');
    const constraint = new QueryFailedError('INSERT', [], postgresError('23505', 'duplicate key value violates unique constraint'));
    expect(classifyFailure(constraint).kind).toBe('unclassified');
  });

  it('waits when node-postgres loses its connection, which carries no code', () => {
    expect(classifyFailure(new Error('Connection terminated unexpectedly')).kind).toBe('dependency');
    expect(classifyFailure(new Error('timeout exceeded when trying to connect')).kind).toBe('dependency');
  });

  it('waits on ioredis giving up while disconnected and on a Redis that is loading or busy', () => {
    expect(classifyFailure(new MaxRetriesPerRequestError(2)).kind).toBe('dependency');
    expect(classifyFailure(new Error('Connection is closed.')).kind).toBe('dependency');
    expect(classifyFailure(new Error('Command timed out')).kind).toBe('dependency');
    expect(classifyFailure(replyError('LOADING Redis is loading the dataset in memory')).kind).toBe('dependency');
    expect(classifyFailure(replyError('BUSY Redis is busy running a script.')).kind).toBe('dependency');
    expect(classifyFailure(replyError('WRONGTYPE Operation against a key holding the wrong kind of value')).kind).toBe('unclassified');
  });

  it('waits on retriable kafkajs errors, also once kafkajs stopped retrying them', () => {
    const connection = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092', code: 'ECONNREFUSED' });
    expect(classifyFailure(connection).kind).toBe('dependency');
    const notLeader = new KafkaJSProtocolError(Object.assign(new Error('This server is not the leader for that topic-partition'), { type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true }));
    expect(classifyFailure(notLeader).kind).toBe('dependency');
    expect(classifyFailure(new KafkaJSNumberOfRetriesExceeded(notLeader, { retryCount: 5, retryTime: 2000 })).kind).toBe('dependency');

    const tooLarge = new KafkaJSProtocolError(Object.assign(new Error('The request included a message larger than the max message size'), { type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false }));
    expect(classifyFailure(tooLarge).kind).toBe('unclassified');
    expect(classifyFailure(new KafkaJSNumberOfRetriesExceeded(tooLarge, { retryCount: 5, retryTime: 2000 })).kind).toBe('unclassified');
  });

  it('follows an ES2022 cause and the errors of an AggregateError', () => {
    expect(classifyFailure(new Error('saving the journey failed', { cause: socketError('ECONNRESET') })).kind).toBe('dependency');
    expect(classifyFailure(new AggregateError([socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], '')).kind).toBe('dependency');
  });

  it('waits on codes declared transient, such as an unacknowledged publish', () => {
    expect(classifyFailure(new TouchpointError('TP_INGEST_BROKER_UNAVAILABLE', 'Kafka did not acknowledge')).kind).toBe('dependency');
  });

  it('leaves everything else unclassified, keeping a TouchpointError its code', () => {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'profileId')"))).toEqual({
      kind: 'unclassified',
      code: 'TP_CONSUMER_HANDLER_FAILED',
      cause: "Cannot read properties of undefined (reading 'profileId')",
    });
    expect(classifyFailure(new TouchpointError('TP_PROFILE_NOT_FOUND', 'no profile'))).toMatchObject({ kind: 'unclassified', code: 'TP_PROFILE_NOT_FOUND' });
    expect(classifyFailure('a thrown string').kind).toBe('unclassified');
    expect(classifyFailure(undefined).kind).toBe('unclassified');
  });

  it('does not loop on an error that is its own cause', () => {
    const selfish = new Error('odd');
    Object.assign(selfish, { cause: selfish });
    expect(classifyFailure(selfish).kind).toBe('unclassified');
  });
});

describe('hasBrokerErrorType', () => {
  const tooLarge: ReadonlySet<string> = new Set(['MESSAGE_TOO_LARGE']);

  it('finds the broker answer kafkajs wraps in its retries-exceeded error, and nothing else', () => {
    const answer = Object.assign(new Error('the request included a message larger than the max message size'), { type: 'MESSAGE_TOO_LARGE' });
    expect(hasBrokerErrorType(new KafkaJSNumberOfRetriesExceeded(answer, { retryCount: 0, retryTime: 0 }), tooLarge)).toBe(true);
    expect(hasBrokerErrorType(Object.assign(new Error('x'), { type: 'NOT_LEADER_FOR_PARTITION' }), tooLarge)).toBe(false);
    expect(hasBrokerErrorType('MESSAGE_TOO_LARGE', tooLarge)).toBe(false);
  });
});

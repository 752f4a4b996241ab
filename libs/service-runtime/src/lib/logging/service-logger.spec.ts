import { createServiceLogger, type ServiceLogger } from './service-logger';
import { withLogContext } from './log-context';

const EMAIL = 'sanne.de.vries@example.com';
const PHONE = '+31 6 12345678';
const BEARER = 'tp-read-token-0123456789abcdef';
const BASIC = Buffer.from('tp_demo_write_key:').toString('base64');

async function capturing(level: 'info' | 'debug' = 'info', format: 'json' | 'pretty' = 'json'): Promise<{ logger: ServiceLogger; lines: () => string[] }> {
  const written: string[] = [];
  const logger = await createServiceLogger({ service: 'ingest', level, format, destination: { write: (text: string) => void written.push(text) } });
  return { logger, lines: () => written.join('').split('\n').filter(Boolean) };
}

const parsed = (line: string): Record<string, unknown> => JSON.parse(line) as Record<string, unknown>;

describe('ServiceLogger', () => {
  it('writes one JSON object per line with a level label, time, service, context and msg', async () => {
    const { logger, lines } = await capturing();
    logger.log('ingest listening on http://127.0.0.1:8080', 'Bootstrap');
    logger.warn('slow', 'ConsumerRunner');
    logger.debug('not at info', 'ConsumerRunner');
    expect(lines()).toHaveLength(2);
    const [first, second] = lines().map(parsed);
    expect(first).toMatchObject({ level: 'info', service: 'ingest', context: 'Bootstrap', msg: 'ingest listening on http://127.0.0.1:8080' });
    expect(new Date(String(first['time'])).toISOString()).toBe(first['time']);
    expect(second).toMatchObject({ level: 'warn', context: 'ConsumerRunner', msg: 'slow' });
    expect(lines()[1]).toContain('"level":"warn"');
  });

  it('adds the fields of the work in progress, and only inside it', async () => {
    const { logger, lines } = await capturing();
    await withLogContext({ topic: 'tp.events.raw.v1', partition: 2, offset: '41', messageId: 'm-1', traceId: 'a'.repeat(32) }, async () => {
      await withLogContext({ profileId: 'p-1' }, async () => {
        await Promise.resolve();
        logger.log('handled', 'ResolveIdentity');
      });
    });
    logger.log('outside', 'Bootstrap');
    const [inside, outside] = lines().map(parsed);
    expect(inside).toMatchObject({ topic: 'tp.events.raw.v1', partition: 2, offset: '41', messageId: 'm-1', profileId: 'p-1', traceId: 'a'.repeat(32) });
    expect(outside['messageId']).toBeUndefined();
    expect(outside['traceId']).toBeUndefined();
  });

  it('takes the stack of an error as Nest passes it, and an Error as a value', async () => {
    const { logger, lines } = await capturing();
    logger.error('request failed', 'Error: boom\n    at handler (x.ts:1:1)', 'ExceptionsHandler');
    logger.error(new Error(`no profile for ${EMAIL}`));
    const [stacked, thrown] = lines().map(parsed);
    expect(stacked).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'request failed', stack: 'Error: boom\n    at handler (x.ts:1:1)' });
    expect(thrown).toMatchObject({ msg: 'no profile for [email]', err: { type: 'Error', message: 'no profile for [email]' } });
    expect(String((thrown['err'] as Record<string, unknown>)['stack'])).not.toContain(EMAIL);
  });

  it('masks emails, phones and bearer and basic credentials in the message and in fields', async () => {
    const { logger, lines } = await capturing();
    logger.warn(`refused ${EMAIL} / ${PHONE}: Authorization: Bearer ${BEARER}, then Basic ${BASIC}, ?token=${BEARER}`, 'Guard');
    logger.log(
      { note: `call ${PHONE} or mail ${EMAIL.toUpperCase()}`, email: 'not-even-shaped', phone: '0612345678', authorization: `Bearer ${BEARER}`, headers: { authorization: `Basic ${BASIC}` }, nested: { list: [`Bearer ${BEARER}`] } },
      'Fields',
    );
    const text = lines().join('\n');
    for (const secret of [EMAIL, EMAIL.toUpperCase(), PHONE, '12345678', BEARER, BASIC, 'not-even-shaped']) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    const [message, fields] = lines().map(parsed);
    expect(message['msg']).toBe('refused [email] / [phone]: Authorization: Bearer [redacted], then Basic [redacted], ?token=[redacted]');
    expect(fields).toMatchObject({ note: 'call [phone] or mail [email]', email: '[email]', phone: '[phone]', authorization: '[redacted]', headers: { authorization: '[redacted]' }, nested: { list: ['Bearer [redacted]'] } });
  });

  it('leaves ids alone: UUIDs, trace ids and offsets are no phone numbers', async () => {
    const { logger, lines } = await capturing();
    const text = 'profile 0a1b2c3d-0031-6123-4567-890123456789, trace 00316123456789abcdef0123456789ab at offset 316123456789';
    logger.log(text, 'Ids');
    expect(parsed(lines()[0])['msg']).toBe(text);
  });

  it('renders pretty lines with the level, service and context when asked', async () => {
    const { logger, lines } = await capturing('info', 'pretty');
    logger.warn(`mail ${EMAIL}`, 'Bootstrap');
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(/WARN.*ingest \[Bootstrap\] mail \[email\]/);
  });
});

import { incomingSegmentMessageSchema, plainlyValid } from './normalize-segment-message';

const valid: unknown[] = [
  { type: 'track', event: 'Product Viewed', anonymousId: 'a-1' },
  { type: 'track', messageId: '  m-1  ', timestamp: '2024-05-01T12:00:00.123Z', sentAt: '2024-05-01T12:00:01.000Z', context: { page: { path: '/' } }, integrations: { All: true } },
  { type: 'page', messageId: null, timestamp: null, sentAt: null, context: null, integrations: null },
  { type: 'identify', timestamp: '2024-05-01T12:00:00+02:00', traits: { plan: 'gold' }, writeKey: 'k' },
  { type: 'track', timestamp: '2024-05-01', extra: [1, 2, 3] },
];

const invalid: unknown[] = [
  null,
  [],
  'track',
  { messageId: '' },
  { messageId: '   ' },
  { messageId: 'x'.repeat(257) },
  { messageId: 42 },
  { timestamp: 'yesterday' },
  { timestamp: 1714564800000 },
  { sentAt: '2024-02-30T00:00:00.000Z' },
  { context: [] },
  { context: 'web' },
  { integrations: 7 },
];

describe('plainlyValid, the fast reading of an incoming message', () => {
  it.each(valid.map((body) => [JSON.stringify(body), body]))('gives what the incoming schema gives for %s', (_label, body) => {
    const fast = plainlyValid(body);
    expect(fast).toBeDefined();
    const { messageId, timestamp, sentAt, context, integrations } = incomingSegmentMessageSchema.parse(body);
    expect(fast).toEqual({ messageId, timestamp, sentAt, context, integrations });
  });

  it.each(invalid.map((body) => [JSON.stringify(body), body]))('leaves %s to the schema, which refuses it', (_label, body) => {
    expect(plainlyValid(body)).toBeUndefined();
    expect(incomingSegmentMessageSchema.safeParse(body).success).toBe(false);
  });

  it('does not change the message it reads', () => {
    const body = { type: 'track', messageId: ' m-2 ', timestamp: '2024-05-01T12:00:00+02:00' };
    plainlyValid(body);
    expect(body).toEqual({ type: 'track', messageId: ' m-2 ', timestamp: '2024-05-01T12:00:00+02:00' });
  });
});

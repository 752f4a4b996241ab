import { toIsoTimestamp } from './client-timestamp';

describe('toIsoTimestamp', () => {
  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00.123456+02:00', '2024-05-01T10:00:00.123Z'],
    ['2024-05-01T12:00+0530', '2024-05-01T06:30:00.000Z'],
    ['2024-05-01 12:00:00.5-01', '2024-05-01T13:00:00.500Z'],
    ['2024-05-01T12:00:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(toIsoTimestamp(input)).toBe(expected);
  });

  it.each(['1714564800000', 'May 1 2024', '2024-02-30', '2024-13-01T00:00:00Z', '2024-05-01T24:30:00Z', '', '2024-05-01T12:00:00Zjunk'])(
    'refuses %p',
    (input) => {
      expect(toIsoTimestamp(input)).toBeUndefined();
    },
  );
});

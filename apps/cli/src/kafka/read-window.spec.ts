import { CliError } from '../cli-error';
import { parseTimeOption } from './read-window';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');

describe('parseTimeOption', () => {
  it('reads ISO times, durations back from now, beginning and now', () => {
    expect(parseTimeOption('--from', '2026-11-02T10:04:00Z', NOW)).toBe(Date.parse('2026-11-02T10:04:00Z'));
    expect(parseTimeOption('--from', '2h', NOW)).toBe(NOW - 2 * 3_600_000);
    expect(parseTimeOption('--from', '90s', NOW)).toBe(NOW - 90_000);
    expect(parseTimeOption('--from', '7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTimeOption('--from', 'beginning', NOW)).toBe(0);
    expect(parseTimeOption('--to', 'now', NOW)).toBe(NOW);
  });

  it('refuses anything else as a usage error naming the option', () => {
    for (const value of ['yesterday', '2h30', '-1h', '2026-13-45T99:00:00Z']) {
      expect(() => parseTimeOption('--from', value, NOW)).toThrow(CliError);
      expect(() => parseTimeOption('--from', value, NOW)).toThrow(/--from/);
    }
  });
});

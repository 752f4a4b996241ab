import { NotReadyError } from './readiness-probe';
import { readinessReport } from './readiness-report';

describe('the readiness rule', () => {
  it('is ready when every probe is up', () => {
    const report = readinessReport([
      { name: 'kafka', critical: true, status: 'up' },
      { name: 'postgres', critical: true, status: 'up' },
    ]);
    expect(report).toEqual({ status: 'ok', info: { kafka: { status: 'up' }, postgres: { status: 'up' } }, error: {}, details: { kafka: { status: 'up' }, postgres: { status: 'up' } } });
  });

  it('is not ready when a critical probe is down, and names it with its reason', () => {
    const report = readinessReport([
      { name: 'kafka', critical: true, status: 'up' },
      { name: 'postgres', critical: true, status: 'down', error: new Error('connection refused') },
    ]);
    expect(report.status).toBe('error');
    expect(report.error).toEqual({ postgres: { status: 'down', reason: 'connection refused' } });
    expect(report.details['postgres']).toEqual({ status: 'down', reason: 'connection refused' });
  });

  it('stays ready when only a non-critical probe is down, and reports it as such', () => {
    const report = readinessReport([
      { name: 'kafka', critical: true, status: 'up' },
      { name: 'redis', critical: false, status: 'down', error: new Error('ECONNREFUSED 127.0.0.1:6379') },
    ]);
    expect(report.status).toBe('ok');
    expect(report.error).toEqual({});
    expect(report.details).toEqual({ kafka: { status: 'up' }, redis: { status: 'down', critical: false, reason: 'ECONNREFUSED 127.0.0.1:6379' } });
  });

  it('marks a non-critical probe that is up too, so a reader sees which ones do not count', () => {
    expect(readinessReport([{ name: 'redis', critical: false, status: 'up' }]).details).toEqual({ redis: { status: 'up', critical: false } });
  });

  it("keeps a NotReadyError's structured details and reports a non-Error reason as text", () => {
    const report = readinessReport([
      { name: 'consumers', critical: true, status: 'down', error: new NotReadyError('a partition waits', [{ partition: 2 }]) },
      { name: 'odd', critical: true, status: 'down', error: 'refused' },
    ]);
    expect(report.error).toEqual({ consumers: { status: 'down', reason: 'a partition waits', details: [{ partition: 2 }] }, odd: { status: 'down', reason: 'refused' } });
  });
});

import { ConfigError } from './config-error';
import { loadLogSettings } from './log-settings';
import { loadServiceConfig } from './service.config';

describe('log and shutdown settings', () => {
  it('logs JSON at info unless told otherwise', () => {
    expect(loadLogSettings({})).toEqual({ level: 'info', format: 'json' });
    expect(loadLogSettings({ LOG_LEVEL: 'debug', LOG_FORMAT: 'Pretty' })).toEqual({ level: 'debug', format: 'pretty' });
  });

  it('refuses an unknown format or level, naming the variable', () => {
    try {
      loadLogSettings({ LOG_FORMAT: 'xml', LOG_LEVEL: 'loud' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((problem) => problem.variable).sort()).toEqual(['LOG_FORMAT', 'LOG_LEVEL']);
    }
  });

  it('gives every service the format and a grace period of 25 s unless told otherwise', () => {
    const defaults = loadServiceConfig('journey', {});
    expect({ format: defaults.logFormat, graceMs: defaults.shutdownGraceMs }).toEqual({ format: 'json', graceMs: 25_000 });
    const set = loadServiceConfig('ingest', { LOG_FORMAT: 'pretty', SHUTDOWN_GRACE_MS: '40000' });
    expect({ format: set.logFormat, graceMs: set.shutdownGraceMs }).toEqual({ format: 'pretty', graceMs: 40_000 });
  });

  it('refuses a grace period under a second or not in milliseconds', () => {
    expect(() => loadServiceConfig('identity', { SHUTDOWN_GRACE_MS: '500' })).toThrow(ConfigError);
    expect(() => loadServiceConfig('identity', { SHUTDOWN_GRACE_MS: '25s' })).toThrow(ConfigError);
  });
});

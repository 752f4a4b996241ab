import { DEFINITIONS_FILE, defs, readDefinitionsJson } from '../../testing/journey-fixtures';
import { journeyVersions, REDUCER_VERSION } from './journey-versions';
import { JourneyDefinitionsError, parseJourneyDefinitions } from './parse-journey-definitions';

function problemsOf(change: (json: Record<string, unknown>) => void): JourneyDefinitionsError {
  const json = readDefinitionsJson();
  change(json);
  try {
    parseJourneyDefinitions(json, 'journey definitions test.json');
  } catch (error) {
    if (error instanceof JourneyDefinitionsError) return error;
    throw error;
  }
  throw new Error('the definitions were accepted');
}

const section = (json: Record<string, unknown>, key: string): Record<string, unknown> => json[key] as Record<string, unknown>;

describe('journey definitions', () => {
  it('parses config/journey-definitions.v1.json into frozen definitions', () => {
    expect(defs.currency.base).toBe('EUR');
    expect(defs.tiers).toEqual({ windowDays: 365, small: 0, medium: 250, large: 1000, top: 5000 });
    expect(Object.isFrozen(defs.tiers)).toBe(true);
    expect(journeyVersions(defs)).toEqual({ reducer: REDUCER_VERSION, definitions: defs.version });
    expect(DEFINITIONS_FILE.endsWith('journey-definitions.v1.json')).toBe(true);
  });

  it('names a tier that does not rise above the one below it', () => {
    const error = problemsOf((json) => {
      section(json, 'tiers')['medium'] = 0;
    });
    expect(error.code).toBe('TP_JOURNEY_DEFINITIONS_INVALID');
    expect(error.message).toContain('journey definitions test.json is invalid');
    expect(error.message).toContain('tiers.medium: must be greater than tiers.small');
  });

  it('names every bad field in one message, unknown keys included', () => {
    const error = problemsOf((json) => {
      section(json, 'cart')['abandonAfterMinutes'] = -5;
      section(json, 'tiers')['windowDayz'] = 365;
      section(section(json, 'currency'), 'rates')['usd'] = 0.9;
      section(json, 'advocacy')['requiresStage'] = 'advocacy';
      delete json['lapsed'];
      json['extra'] = true;
    });
    for (const field of ['cart.abandonAfterMinutes:', 'tiers.windowDayz: unknown key', 'currency.rates.usd', 'advocacy.requiresStage:', 'lapsed:', 'extra: unknown key']) {
      expect(error.message).toContain(field);
    }
  });

  it('refuses a rate other than 1 for the base currency', () => {
    const error = problemsOf((json) => {
      section(section(json, 'currency'), 'rates')['EUR'] = 1.1;
    });
    expect(error.message).toContain('currency.rates.EUR: is the base currency');
  });
});

import { minutes, page, track, viewOf } from '../testing/journey-fixtures';

const withConsent = (preferences: Record<string, boolean>, at: number, messageId?: string) =>
  page('/', at, { context: { consent: { categoryPreferences: preferences } }, ...(messageId === undefined ? {} : { messageId }) });
const consentEvent = (preferences: Record<string, boolean>, at: number) => track('Segment Consent Preference Updated', { categoryPreferences: preferences }, at);
const consentOf = (items: Parameters<typeof viewOf>[0]) => viewOf(items).summary.consent;
const iso = (at: number) => new Date(at).toISOString();

describe('consent', () => {
  it('is unknown until the customer says', () => {
    expect(consentOf([page('/', minutes(0))])).toEqual({ advertising: { granted: null, at: null }, personalization: { granted: null, at: null } });
  });

  it('reads context.consent on any event and the preferences of a consent event, latest by event time', () => {
    const items = [withConsent({ Advertising: false, functional: true }, minutes(0)), consentEvent({ marketing: true }, minutes(5))];
    expect(consentOf(items)).toEqual({ advertising: { granted: true, at: iso(minutes(5)) }, personalization: { granted: true, at: iso(minutes(0)) } });
    // The same statements delivered in the other order: the later event time still wins.
    expect(consentOf([...items].reverse())).toEqual(consentOf(items));
    expect(consentOf([consentEvent({ marketing: true }, minutes(5)), withConsent({ advertising: false }, minutes(9))]).advertising).toEqual({ granted: false, at: iso(minutes(9)) });
  });

  it('breaks a tie in time by the canonical order (messageId)', () => {
    const a = withConsent({ advertising: true }, minutes(1), 'a');
    const b = withConsent({ advertising: false }, minutes(1), 'b');
    expect(consentOf([b, a]).advertising.granted).toBe(false);
    expect(consentOf([a, b]).advertising.granted).toBe(false);
  });

  it('grants a purpose within one event only if every category of it that the event names is granted', () => {
    expect(consentOf([withConsent({ advertising: true, marketing: false }, minutes(0))]).advertising.granted).toBe(false);
  });

  it('keeps the time of the statement that set the value while later events restate it', () => {
    expect(consentOf([withConsent({ advertising: true }, minutes(0)), withConsent({ advertising: true }, minutes(3))]).advertising).toEqual({ granted: true, at: iso(minutes(0)) });
  });

  it('ignores categoryPreferences in the properties of events that are not consent events, and unknown categories', () => {
    expect(consentOf([track('Product Viewed', { product_id: 'jacket', categoryPreferences: { advertising: true } }, minutes(0))]).advertising.granted).toBeNull();
    expect(consentOf([withConsent({ analytics: false }, minutes(0))]).advertising.granted).toBeNull();
  });
});

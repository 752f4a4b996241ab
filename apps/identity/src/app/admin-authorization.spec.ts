import { assertAdmin } from './admin-authorization';

const TOKEN = 'admin-token-0123456789';

describe('assertAdmin', () => {
  it('lets the configured bearer token through', () => {
    expect(() => assertAdmin(TOKEN, `Bearer ${TOKEN}`)).not.toThrow();
    expect(() => assertAdmin(TOKEN, `bearer ${TOKEN} `)).not.toThrow();
  });

  it('answers TP_ADMIN_UNAUTHORIZED for a missing, malformed or wrong token', () => {
    for (const header of [undefined, '', TOKEN, `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, 'Bearer ', ['Bearer', TOKEN]]) {
      expect(() => assertAdmin(TOKEN, header)).toThrow(expect.objectContaining({ code: 'TP_ADMIN_UNAUTHORIZED' }));
    }
  });

  it('is switched off, not open, without a configured token', () => {
    expect(() => assertAdmin(null, `Bearer ${TOKEN}`)).toThrow(expect.objectContaining({ code: 'TP_ADMIN_DISABLED' }));
  });
});

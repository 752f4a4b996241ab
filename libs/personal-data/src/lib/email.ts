/** Local part, @, a domain with at least one dot: enough to tell an address from a user name. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The form an email address is compared and hashed in: trimmed and lower-cased, so
 * `Sanne@Example.com ` at the till and `sanne@example.com` on the web are one customer.
 * null when the value cannot be an address.
 */
export function normalizeEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : null;
}

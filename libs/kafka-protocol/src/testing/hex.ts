/**
 * Test-only helpers for byte-level fixtures. Not exported from the library index:
 * fixtures are written by hand so that they check the codecs instead of mirroring them.
 */

/**
 * Concatenates hex segments into one buffer. Whitespace inside a segment is ignored so
 * that multi-byte fields can be grouped for reading, e.g. hex('0003', 'ffff ffff').
 */
export function hex(...segments: readonly string[]): Buffer {
  const digits = segments.join('').replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) {
    // A typo in a fixture must fail loudly; Buffer.from would silently stop at the first bad digit.
    throw new Error(`not an even-length hex string: ${digits}`);
  }
  return Buffer.from(digits, 'hex');
}

/** The UTF-8 bytes of `text` as hex, without any length prefix (that stays hand-written). */
export function utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

/** A buffer as lowercase hex, so that failing byte comparisons show a readable diff. */
export function toHex(buffer: Buffer | readonly Buffer[]): string {
  return (Buffer.isBuffer(buffer) ? buffer : Buffer.concat(buffer)).toString('hex');
}

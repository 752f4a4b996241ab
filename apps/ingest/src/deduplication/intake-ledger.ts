/**
 * What the ledger knows of a messageId: `claimed` (the caller is now the one publishing it),
 * `seen` (published and acknowledged within the window) or `in-flight` (another request is
 * publishing it right now, and may yet fail).
 */
export type IntakeStatus = 'claimed' | 'seen' | 'in-flight';

/**
 * Remembers which messageIds ingest already accepted, so a client's retry is answered without
 * publishing again. Claim before publishing, then confirm once the broker acknowledged, or
 * release when it did not, so the retry is not swallowed.
 */
export abstract class IntakeLedger {
  /** One status per id, in order; ids must be distinct. */
  abstract claim(messageIds: readonly string[]): Promise<readonly IntakeStatus[]>;
  /** Marks claimed ids as seen for the dedupe window. */
  abstract confirm(messageIds: readonly string[]): Promise<void>;
  /** Gives claimed ids up after a failed publish, so a retry can claim them again. */
  abstract release(messageIds: readonly string[]): Promise<void>;
}

/** INGEST_DEDUPE_WINDOW_SECONDS, as an injectable value. */
export class DedupeWindow {
  constructor(readonly seconds: number) {}
}

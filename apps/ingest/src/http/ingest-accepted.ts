/** Segment's answer to an accepted call; SDKs only look at the status. */
export interface IngestAccepted {
  readonly success: true;
}

export const accepted: IngestAccepted = Object.freeze({ success: true });

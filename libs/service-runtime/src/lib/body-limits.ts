/**
 * The most a request body may hold unless a service says otherwise: the read and admin APIs
 * take small JSON bodies (a mergeId, a search), so anything near this is not a real client.
 * Fastify stops reading past it and the error filter answers 413 TP_REQUEST_TOO_LARGE.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

import type { Socket } from 'node:net';

/** A host and port as clients should dial them. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The address a client reached us on, written the way clients expect it: a dual-stack
 * socket reports IPv4 peers as `::ffff:a.b.c.d`, which some resolvers refuse, so the
 * plain IPv4 form is given back instead.
 */
export function clientFacingHost(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address;
}

/** The local end of the connection the client came in on. */
export function localEndpoint(socket: Socket): Endpoint {
  return { host: clientFacingHost(socket.localAddress ?? '127.0.0.1'), port: socket.localPort ?? 0 };
}

/**
 * What Metadata and FindCoordinator tell a client to dial. A configured advertised host
 * wins; without one the client is sent back to the address it already reached, so a
 * broker listening on 0.0.0.0 works for `localhost`, `127.0.0.1` and a LAN address alike,
 * where one fixed host would strand every client that came in another way.
 */
export function advertisedEndpoint(configuredHost: string | null, boundPort: number, local: Endpoint): Endpoint {
  return configuredHost === null ? local : { host: configuredHost, port: boundPort };
}

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterial {
  readonly keystorePath: string;
  readonly password: string;
  /** The broker's self-signed certificate in PEM: what a client trusts as its CA. */
  readonly caPem: string;
  readonly caPath: string;
}

/**
 * A throwaway key pair and self-signed certificate for `localhost` and 127.0.0.1, made with
 * the JDK's keytool (which every machine that runs Apache Kafka has), so no certificate is
 * ever committed.
 */
export async function createTlsMaterial(dir: string, java: string): Promise<TlsMaterial> {
  // keytool sits beside the java that runs the broker, or on PATH when java does.
  const tool = java.includes(path.sep) ? path.join(path.dirname(java), 'keytool') : 'keytool';
  const keystorePath = path.join(dir, 'broker.p12');
  const caPath = path.join(dir, 'broker-ca.pem');
  const password = 'touchpoint-test-keystore';
  fs.rmSync(keystorePath, { force: true });
  await run(tool, [
    '-genkeypair', '-alias', 'broker', '-keyalg', 'RSA', '-keysize', '2048', '-validity', '7',
    '-dname', 'CN=localhost', '-ext', 'SAN=dns:localhost,ip:127.0.0.1', '-ext', 'BC:c=ca:true',
    '-keystore', keystorePath, '-storetype', 'PKCS12', '-storepass', password, '-keypass', password,
  ]);
  await run(tool, ['-exportcert', '-rfc', '-alias', 'broker', '-keystore', keystorePath, '-storepass', password, '-file', caPath]);
  return { keystorePath, password, caPem: fs.readFileSync(caPath, 'utf8'), caPath };
}

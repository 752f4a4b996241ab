import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '../workspace-root';
import { ApacheKafkaUnavailable } from './apache-kafka-unavailable';

const run = promisify(execFile);

export interface ApacheKafkaDistribution {
  readonly version: string;
  /** `java -cp` argument: every jar of the broker and its logging binding. */
  readonly classpath: string;
  readonly javaExecutable: string;
}

/** The pom that pins the broker; its `kafka.version` is the one version the project runs. */
export function apacheKafkaPom(): string {
  return path.join(workspaceRoot(), 'libs/kafka-testing/apache-kafka/pom.xml');
}

export function pinnedApacheKafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(fs.readFileSync(apacheKafkaPom(), 'utf8'));
  if (!match?.[1]) throw new Error(`no <kafka.version> in ${apacheKafkaPom()}`);
  return match[1];
}

function cacheDir(version: string): string {
  return path.join(workspaceRoot(), '.cache', 'apache-kafka', version);
}

function javaHomeExecutable(): string {
  // JAVA_HOME is how a machine with several JDKs says which one to use; PATH is the fallback.
  const home = process.env['JAVA_HOME'];
  return home ? path.join(home, 'bin', 'java') : 'java';
}

async function javaMajorVersion(java: string): Promise<number> {
  try {
    const { stderr, stdout } = await run(java, ['-version']);
    const match = /version "(\d+)(?:\.(\d+))?/.exec(`${stderr}${stdout}`);
    if (!match) return 0;
    // Java 8 and older report "1.8"; from 9 on the first number is the major version.
    return match[1] === '1' ? Number(match[2]) : Number(match[1]);
  } catch {
    throw new ApacheKafkaUnavailable(
      `Java is not installed (no '${java}'). Apache Kafka ${pinnedApacheKafkaVersion()} needs Java 17 or newer: install it (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.`,
    );
  }
}

async function assertMaven(): Promise<void> {
  try {
    await run('mvn', ['-v']);
  } catch {
    throw new ApacheKafkaUnavailable(
      'Maven is not installed (no `mvn` on PATH). It fetches Apache Kafka from Maven Central once: install it (Debian: apt-get install maven).',
    );
  }
}

/**
 * Finds Java, then the broker's jars: from the cache folder when an earlier run fetched them,
 * else from Maven Central through the pom (once; later runs start without the network).
 */
export async function resolveApacheKafka(): Promise<ApacheKafkaDistribution> {
  const version = pinnedApacheKafkaVersion();
  const javaExecutable = javaHomeExecutable();
  const major = await javaMajorVersion(javaExecutable);
  if (major < 17) throw new ApacheKafkaUnavailable(`Apache Kafka ${version} needs Java 17 or newer; '${javaExecutable}' is Java ${major || 'of an unknown version'}.`);

  const dir = cacheDir(version);
  const libDir = path.join(dir, 'lib');
  const complete = path.join(dir, 'complete');
  if (!fs.existsSync(complete)) {
    await assertMaven();
    fs.rmSync(libDir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    try {
      await run('mvn', ['-q', '-B', '-f', apacheKafkaPom(), 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const output = error instanceof Error && 'stdout' in error ? String((error as { stdout: unknown }).stdout).slice(-2000) : String(error);
      throw new ApacheKafkaUnavailable(`Maven could not fetch Apache Kafka ${version} from Maven Central:\n${output}`);
    }
    // Written last, so an interrupted download is fetched again rather than half used.
    fs.writeFileSync(complete, `${new Date().toISOString()}\n`);
  }
  return { version, classpath: path.join(libDir, '*'), javaExecutable };
}

/**
 * docker-compose.yml against the Compose specification's JSON schema (vendored in
 * tools/ops/schemas), plus what the schema cannot say: every depends_on names a service,
 * each Touchpoint service has a health check, builds a stage the Dockerfile has and waits for
 * its migration job when it has migrations, and the broker is given the full KRaft set (the
 * apache/kafka image drops its defaults once one is set).
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { DockerfileParser } from 'dockerfile-ast';
import { parse } from 'yaml';
import { z } from 'zod';
import { type CheckResult, type OpsCheck, workspace } from './ops-check';

const SERVICES = ['ingest', 'identity', 'journey', 'recommendation'];
/** What a single KRaft node needs (libs/kafka-testing's server properties, as the image's variables). */
const KRAFT_SETTINGS = [
  'CLUSTER_ID',
  'KAFKA_NODE_ID',
  'KAFKA_PROCESS_ROLES',
  'KAFKA_LISTENERS',
  'KAFKA_ADVERTISED_LISTENERS',
  'KAFKA_CONTROLLER_LISTENER_NAMES',
  'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP',
  'KAFKA_INTER_BROKER_LISTENER_NAME',
  'KAFKA_CONTROLLER_QUORUM_VOTERS',
  'KAFKA_LOG_DIRS',
  'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
  'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
  'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR',
  'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR',
  'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR',
];

const composeShape = z.object({
  services: z.record(
    z.string(),
    z.object({
      image: z.string().optional(),
      build: z.object({ target: z.string().optional() }).optional(),
      environment: z.record(z.string(), z.unknown()).optional(),
      healthcheck: z.object({ test: z.array(z.string()) }).optional(),
      command: z.array(z.string()).optional(),
      depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
      volumes: z.array(z.string()).optional(),
    }),
  ),
});

export function readCompose(): unknown {
  return parse(fs.readFileSync(path.join(workspace, 'docker-compose.yml'), 'utf8'), { merge: true });
}

function schemaProblems(document: unknown): string[] {
  const { $schema: metaSchema, ...schema } = JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  // The file names draft-07 by an https URL Ajv does not know; Ajv's default draft is draft-07.
  if (typeof metaSchema !== 'string' || !metaSchema.includes('draft-07')) return [`the vendored Compose schema is not draft-07 (${String(metaSchema)})`];
  const ajv = new Ajv({ allErrors: true, strict: false });
  const valid = ajv.validate(schema, document);
  return valid ? [] : (ajv.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

function ruleProblems(document: unknown): string[] {
  const parsed = composeShape.safeParse(document);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const { services } = parsed.data;
  const problems: string[] = [];
  const stages = new Set(DockerfileParser.parse(fs.readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')).getFROMs().map((from) => from.getBuildStage()));
  for (const [name, service] of Object.entries(services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) if (!services[dependency]) problems.push(`${name} depends on ${dependency}, which is not a service`);
    const target = service.build?.target;
    if (target !== undefined && !stages.has(target)) problems.push(`${name} builds stage ${target}, which the Dockerfile lacks`);
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0];
      if (source.startsWith('./') && !fs.existsSync(path.join(workspace, source))) problems.push(`${name} mounts ${source}, which does not exist`);
    }
  }
  for (const name of SERVICES) {
    const service = services[name];
    if (!service) {
      problems.push(`no service ${name}`);
      continue;
    }
    if (!service.healthcheck?.test.some((word) => word.includes('/health/ready'))) problems.push(`${name} has no health check on /health/ready`);
    for (const dependency of ['kafka', 'postgres', 'redis', 'topics']) if (!service.depends_on?.[dependency]) problems.push(`${name} does not wait for ${dependency}`);
    // A service with a state of record has migrations, and it must wait for the job that runs them.
    if (fs.existsSync(path.join(workspace, 'apps', name, 'src/migrate.ts'))) {
      const job = Object.entries(services).find(([, candidate]) => candidate.command?.includes(`dist/apps/${name}/src/migrate.js`));
      if (!job) problems.push(`${name} has migrations but no job runs dist/apps/${name}/src/migrate.js`);
      else if (service.depends_on?.[job[0]]?.condition !== 'service_completed_successfully') problems.push(`${name} does not wait for ${job[0]} to complete`);
    }
  }
  const kafka = Object.values(services).find((service) => service.image?.startsWith('apache/kafka') && service.environment?.['KAFKA_PROCESS_ROLES']);
  if (!kafka) problems.push('no apache/kafka broker service');
  else for (const setting of KRAFT_SETTINGS) if (kafka.environment?.[setting] === undefined) problems.push(`the broker lacks ${setting}`);
  return problems;
}

export const composeChecks: readonly OpsCheck[] = [
  { name: 'docker-compose.yml against the Compose specification schema', run: async (): Promise<CheckResult> => ({ problems: schemaProblems(readCompose()) }) },
  { name: 'docker-compose.yml dependencies, health checks, build targets, KRaft settings', run: async (): Promise<CheckResult> => ({ problems: ruleProblems(readCompose()) }) },
];

/**
 * k8s/ without a cluster: `kubectl kustomize` renders each overlay (kubectl 1.27+ with
 * kustomize 5, needed for components), every rendered object is validated against its
 * Kubernetes schema (kubernetes-models) or its CRD schema (vendored in tools/ops/schemas),
 * KEDA's replica caps are held against the topics' partition counts, and yamllint runs over
 * the YAML files of the repository's deployment.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { type CheckResult, type OpsCheck, workspace } from './ops-check';

export const OVERLAYS = ['dev', 'prod'];
const MIN_KUBECTL_MINOR = 27;

const objectShape = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({ name: z.string(), namespace: z.string().optional() }),
});
type K8sObject = z.infer<typeof objectShape> & Record<string, unknown>;

function kubectlProblem(): string | null {
  const version = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return 'kubectl is missing: install kubectl 1.27 or newer (Debian\'s kubernetes-client 1.20 cannot render kustomize components)';
  const parsed = z.object({ clientVersion: z.object({ minor: z.string() }), kustomizeVersion: z.string().optional() }).safeParse(JSON.parse(version.stdout));
  if (!parsed.success) return `cannot read kubectl's version: ${version.stdout.slice(0, 200)}`;
  const minor = Number.parseInt(parsed.data.clientVersion.minor, 10);
  if (!(minor >= MIN_KUBECTL_MINOR) || !/^v5\./.test(parsed.data.kustomizeVersion ?? '')) {
    return `kubectl 1.${parsed.data.clientVersion.minor} with kustomize ${parsed.data.kustomizeVersion ?? 'none'} is too old: components need kubectl 1.${MIN_KUBECTL_MINOR}+ with kustomize v5`;
  }
  return null;
}

export function renderOverlay(overlay: string): K8sObject[] {
  const rendered = spawnSync('kubectl', ['kustomize', path.join(workspace, 'k8s/overlays', overlay)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (rendered.status !== 0) throw new Error(`kubectl kustomize k8s/overlays/${overlay} failed: ${rendered.stderr || rendered.error?.message}`);
  return parseAllDocuments(rendered.stdout).map((document) => {
    const value: unknown = document.toJSON();
    const parsed = objectShape.passthrough().safeParse(value);
    if (!parsed.success) throw new Error(`k8s/overlays/${overlay} renders an object without apiVersion, kind or name: ${JSON.stringify(value).slice(0, 200)}`);
    return parsed.data;
  });
}

// kubernetes-models is an ES module only; the CommonJS build turns import() into require(),
// which its exports refuse, so the import is kept out of the compiler's sight.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Kubernetes' own kinds, from kubernetes-models. */
async function builtInValidators(): Promise<Map<string, (object: K8sObject) => void>> {
  const [core, apps, batch, policy, networking] = (await Promise.all([
    importEsm('kubernetes-models/v1'),
    importEsm('kubernetes-models/apps/v1'),
    importEsm('kubernetes-models/batch/v1'),
    importEsm('kubernetes-models/policy/v1'),
    importEsm('kubernetes-models/networking.k8s.io/v1'),
  ])) as [
    typeof import('kubernetes-models/v1'),
    typeof import('kubernetes-models/apps/v1'),
    typeof import('kubernetes-models/batch/v1'),
    typeof import('kubernetes-models/policy/v1'),
    typeof import('kubernetes-models/networking.k8s.io/v1'),
  ];
  const classes = [core.ServiceAccount, core.ConfigMap, core.Secret, core.Service, apps.Deployment, batch.Job, policy.PodDisruptionBudget, networking.NetworkPolicy];
  // Each model class validates the data it was built from against the Kubernetes schema of its kind.
  return new Map(classes.map((Model) => [`${Model.apiVersion}/${Model.kind}`, (object: K8sObject) => new Model(object as never).validate()]));
}

function crdValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const schemas: Record<string, string> = {
    'keda.sh/v1alpha1/ScaledObject': 'keda.sh_ScaledObject_v1alpha1.json',
    'monitoring.coreos.com/v1/ServiceMonitor': 'monitoring.coreos.com_ServiceMonitor_v1.json',
    'kafka.strimzi.io/v1/KafkaTopic': 'kafka.strimzi.io_KafkaTopic_v1.json',
  };
  return new Map(Object.entries(schemas).map(([key, file]) => [key, ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', file), 'utf8')) as object)]));
}

/**
 * kustomize folds long base64 Secret values over several lines; the API server's base64 decoding
 * skips line breaks, the schema's "byte" format does not, so the value is checked as the server reads it.
 */
function asTheApiServerReadsIt(object: K8sObject): K8sObject {
  const data = (object as { data?: unknown }).data;
  if (object.kind !== 'Secret' || data === null || typeof data !== 'object') return object;
  const unfolded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/[\r\n]/g, '') : value]));
  return { ...object, data: unfolded } as K8sObject;
}

async function schemaProblems(overlay: string): Promise<string[]> {
  const builtIn = await builtInValidators();
  const crds = crdValidators();
  const problems: string[] = [];
  for (const object of renderOverlay(overlay)) {
    const key = `${object.apiVersion}/${object.kind}`;
    const where = `${overlay}: ${object.kind}/${object.metadata.name}`;
    const builtInValidate = builtIn.get(key);
    const crdValidate = crds.get(key);
    if (builtInValidate) {
      try {
        builtInValidate(asTheApiServerReadsIt(object));
      } catch (error) {
        problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (crdValidate) {
      if (!crdValidate(object)) for (const error of crdValidate.errors ?? []) problems.push(`${where}: ${error.instancePath} ${error.message ?? ''}`);
    } else {
      problems.push(`${where}: no schema for ${key} (add one to tools/ops/schemas or the kubernetes-models map)`);
    }
  }
  return problems;
}

const scaledObjectShape = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({ maxReplicaCount: z.number().optional(), triggers: z.array(z.object({ type: z.string(), metadata: z.record(z.string(), z.string()) })) }),
});
const kafkaTopicShape = z.object({ spec: z.object({ topicName: z.string(), partitions: z.number() }) });

/** A consumer replica beyond the partition count gets no partition: KEDA must never scale past it. */
function replicaCapProblems(overlay: string): string[] {
  const objects = renderOverlay(overlay);
  const partitions = new Map(objects.filter((object) => object.kind === 'KafkaTopic').map((object) => kafkaTopicShape.parse(object).spec).map((spec) => [spec.topicName, spec.partitions]));
  const problems: string[] = [];
  for (const object of objects.filter((candidate) => candidate.kind === 'ScaledObject')) {
    const scaled = scaledObjectShape.parse(object);
    for (const trigger of scaled.spec.triggers.filter((candidate) => candidate.type === 'kafka')) {
      const topic = trigger.metadata['topic'];
      const count = topic === undefined ? undefined : partitions.get(topic);
      if (count === undefined) problems.push(`${overlay}: ScaledObject/${scaled.metadata.name} scales on ${topic ?? 'no topic'}, which has no KafkaTopic`);
      else if ((scaled.spec.maxReplicaCount ?? 100) > count) problems.push(`${overlay}: ScaledObject/${scaled.metadata.name} may scale to ${scaled.spec.maxReplicaCount ?? 100} replicas, but ${topic} has ${count} partitions`);
      if (trigger.metadata['allowIdleConsumers'] === 'true') problems.push(`${overlay}: ScaledObject/${scaled.metadata.name} allows idle consumers`);
    }
  }
  return problems;
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

function yamllintProblems(): string[] {
  const files = [path.join(workspace, 'docker-compose.yml'), ...yamlFiles(path.join(workspace, 'k8s'))];
  const result = spawnSync('yamllint', ['--strict', '-f', 'parsable', '-c', path.join(__dirname, 'yamllint.yaml'), ...files], { encoding: 'utf8' });
  if (result.error) return ['yamllint is missing: apt-get install yamllint (.ci/run installs it)'];
  return result.status === 0 ? [] : result.stdout.split('\n').filter(Boolean).map((line) => path.relative(workspace, line));
}

const guarded = (run: () => Promise<string[]> | string[]) => async (): Promise<CheckResult> => {
  const missing = kubectlProblem();
  return { problems: missing ? [missing] : await run() };
};

export const k8sChecks: readonly OpsCheck[] = [
  ...OVERLAYS.map((overlay) => ({ name: `k8s/overlays/${overlay} renders and every object passes its schema`, run: guarded(() => schemaProblems(overlay)) })),
  { name: 'KEDA replica caps within the partition counts', run: guarded(() => OVERLAYS.flatMap(replicaCapProblems)) },
  { name: 'yamllint (docker-compose.yml, k8s/)', run: async (): Promise<CheckResult> => ({ problems: yamllintProblems() }) },
];

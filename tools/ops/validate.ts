/**
 * `.ci/run`'s ops stage: validates the Dockerfile, docker-compose.yml, the generated Kafka
 * topics and the kustomize overlays without Docker or a cluster. Each check counts once in
 * CI's "N passed, N failed" (`--record`: a result file beside the jest results, which local
 * runs leave alone) and any failure makes the exit code non-zero. `--only <text>` runs the
 * checks whose name contains the text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { composeChecks } from './check-compose';
import { dockerfileChecks } from './check-dockerfile';
import { generatedTopicsCheck } from './check-generated-topics';
import { k8sChecks } from './check-k8s';
import { type OpsCheck, workspace } from './ops-check';

// Cheap checks first, so a broken file is reported before the slow image replay.
const checks: readonly OpsCheck[] = [generatedTopicsCheck, ...composeChecks, ...k8sChecks, ...dockerfileChecks];

async function main(): Promise<void> {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  const selected = checks.filter((check) => only === undefined || check.name.includes(only));
  let passed = 0;
  let failed = 0;
  for (const check of selected) {
    const started = Date.now();
    const log = (line: string): void => console.log(`[ops]   ${line}`);
    console.log(`[ops] ${check.name}`);
    let problems: readonly string[];
    try {
      problems = (await check.run(log)).problems;
    } catch (error) {
      problems = [error instanceof Error ? error.message : String(error)];
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) {
      passed += 1;
      console.log(`[ops] ok   ${check.name} (${seconds} s)`);
    } else {
      failed += 1;
      console.log(`[ops] FAIL ${check.name} (${seconds} s)`);
      for (const problem of problems) console.log(`[ops]   ${problem}`);
    }
  }
  if (process.argv.includes('--record')) {
    const resultsDir = path.join(workspace, 'tmp/test-results');
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'ops-validation.json'), JSON.stringify({ project: 'ops validation', kind: 'ops', passed, failed, failedSuites: 0 }));
  }
  console.log(`[ops] ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

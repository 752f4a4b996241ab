import fs from 'node:fs';
import path from 'node:path';

/** Where tools/jest/results-reporter.js leaves one file per project and pass. */
export const resultsDir = path.resolve(__dirname, '../../tmp/test-results');

interface ProjectResult {
  readonly project: string;
  readonly kind?: string;
  readonly passed: number;
  readonly failed: number;
  readonly failedSuites: number;
}

export interface TestSummary {
  readonly byKind: readonly string[];
  /** The closing line: "N passed, N failed". */
  readonly total: string;
  readonly ok: boolean;
}

/** Totals every project's real counts; a suite that failed to load, or no result at all, counts as a failure. */
export function summarize(): TestSummary {
  const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir).filter((file) => file.endsWith('.json')) : [];
  const kinds = new Map<string, { passed: number; failed: number }>();
  let passed = 0;
  let failed = files.length === 0 ? 1 : 0;
  for (const file of files) {
    const result = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8')) as ProjectResult;
    const failures = result.failed + (result.failed === 0 ? result.failedSuites : 0);
    passed += result.passed;
    failed += failures;
    const kind = kinds.get(result.kind ?? 'dev-broker') ?? { passed: 0, failed: 0 };
    kinds.set(result.kind ?? 'dev-broker', { passed: kind.passed + result.passed, failed: kind.failed + failures });
  }
  return {
    byKind: [...kinds].map(([kind, counts]) => `${kind}: ${counts.passed} passed, ${counts.failed} failed`),
    total: `${passed} passed, ${failed} failed`,
    ok: failed === 0 && passed > 0,
  };
}

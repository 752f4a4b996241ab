/**
 * Runs every release step even when some fail (a spec's afterAll after a failed test), then
 * throws the first failure: one broken step must not leave processes or databases behind.
 */
export async function releaseAll(steps: readonly (() => Promise<unknown> | undefined)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

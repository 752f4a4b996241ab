/**
 * Writes the Kafka topic resources from `allTopics` (libs/contracts): Strimzi KafkaTopics for
 * k8s/components/kafka-topics and the topic job's script for docker-compose.yml. `--check`
 * writes nothing and lists the files that differ (what CI runs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { allTopics } from '@touchpoint/contracts';
import { renderCreateTopicsScript, renderKafkaTopics } from './kafka-topics/render-kafka-topics';
import { workspace } from './ops-check';

export const generatedTopicFiles = (): Record<string, string> => ({
  'k8s/components/kafka-topics/kafka-topics.yaml': renderKafkaTopics(allTopics),
  'tools/ops/compose/create-topics.sh': renderCreateTopicsScript(allTopics),
});

/** Files whose checked-in content is not what the declarations give. */
export function staleTopicFiles(): string[] {
  return Object.entries(generatedTopicFiles())
    .filter(([file, content]) => !fs.existsSync(path.join(workspace, file)) || fs.readFileSync(path.join(workspace, file), 'utf8') !== content)
    .map(([file]) => file);
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const stale = staleTopicFiles();
    for (const file of stale) console.log(`${file} is stale: run tools/ops/generate-kafka-topics.ts`);
    process.exitCode = stale.length === 0 ? 0 : 1;
  } else {
    for (const [file, content] of Object.entries(generatedTopicFiles())) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), content, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
      console.log(`wrote ${file}`);
    }
  }
}

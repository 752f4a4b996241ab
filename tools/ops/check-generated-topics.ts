import { staleTopicFiles } from './generate-kafka-topics';
import type { CheckResult, OpsCheck } from './ops-check';

export const generatedTopicsCheck: OpsCheck = {
  name: 'Kafka topic resources generated from libs/contracts are current',
  run: async (): Promise<CheckResult> => ({ problems: staleTopicFiles().map((file) => `${file} is stale: run tools/ops/generate-kafka-topics.ts`) }),
};

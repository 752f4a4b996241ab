export { startSystem, serviceNames, type RunningSystem, type SystemOptions } from './lib/start-system';
export { spawnEntry, waitUntilReady, type ServiceProcess } from './lib/service-process';
export { checkDependencies } from './lib/dependencies-check';
export { freePort, workspaceRoot } from '@touchpoint/kafka-testing';
export { IngestClient } from './lib/story/ingest-client';
export { TopicWatcher, type Observed } from './lib/story/topic-watcher';
export { playCustomerStory, JACKET, type CustomerPlan, type StoryOutcome, type StoryStep } from './lib/story/customer-story';
export { startTcpProxy, type CutMode, type TcpProxy, type TcpProxyOptions } from './lib/tcp-proxy';
export { startTestSystem, type TestSystem, type TestSystemOptions } from './lib/test-system';

export { startDevBroker, type DevBroker } from './dev-broker';
export type { DevBrokerOptions } from './dev-broker-options';

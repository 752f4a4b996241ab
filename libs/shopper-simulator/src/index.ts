export { SeededRandom } from './lib/random';
export { type SimulatedProduct, simulatedCatalog } from './lib/simulated-catalog';
export {
  simulateShoppers,
  type Simulation,
  type SimulatedEvent,
  type SimulatedPurchase,
  type SimulatedSegmentCall,
  type SimulatedShopper,
  type SimulatedStoreTransaction,
  type SimulatorOptions,
} from './lib/simulate-shoppers';

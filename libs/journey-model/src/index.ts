export * from './lib/journey-model';

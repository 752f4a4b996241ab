export * from './lib/journey-state';
export * from './lib/apply-event';
export * from './lib/merge-states';
export * from './lib/diff-states';
export * from './lib/derive';
export * from './lib/product-status';

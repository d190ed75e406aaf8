export * from './payment-promise.machine';
export * from './responsibility.machine';
export * from './client-workflow';

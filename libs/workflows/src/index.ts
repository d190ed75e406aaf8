export * from './payment-promise.machine';
export * from './responsibility.machine';
export * from './client-workflow';
export * from './lifecycle.machine';
export * from './lifecycle';
export * from './contact-cadence';
export * from './pm-work';

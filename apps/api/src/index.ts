export * from './create-app';
export * from './app.module';
export { toObservation } from './usage/usage-import';

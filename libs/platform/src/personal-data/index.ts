export * from './cipher';
export * from './key-store';
export * from './personal-fields';
export * from './personal-data-store';

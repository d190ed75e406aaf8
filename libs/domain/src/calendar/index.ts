export * from './production-calendar';
export * from './shipped';

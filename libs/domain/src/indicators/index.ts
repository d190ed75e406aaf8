export * from './risk-levels';
export * from './weekly-facts';
export * from './deviations';
export * from './loyalty-segment';
export * from './triggers';
export * from './deterioration';
export * from './report-settings';

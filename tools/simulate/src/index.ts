export { seedDemo, DEMO_USERS, DEMO_RIC } from './demo';
export { runSimulation, printFigures } from './run';
export type { RunOptions, RunFigures } from './run';

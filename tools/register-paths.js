// Resolves the workspace's @ledger/* imports inside dist/ when running compiled code with plain node.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.base.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [
    alias,
    targets.map((t) => t.replace(/\.ts$/, '.js')),
  ]),
);
tsconfigPaths.register({ baseUrl: path.join(__dirname, '..', 'dist'), paths });

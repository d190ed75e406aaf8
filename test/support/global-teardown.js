const { rmSync } = require('node:fs');

module.exports = async () => {
  const started = globalThis.__LEDGER_PG__;
  if (!started) return;
  await started.pg.stop();
  rmSync(started.parent, { recursive: true, force: true });
};

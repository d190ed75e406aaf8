module.exports = async () => {
  const pg = globalThis.__LEDGER_PG__;
  if (pg) await pg.stop();
};

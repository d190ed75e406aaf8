import { parentPort, workerData } from 'node:worker_threads';
import { LedgerConfig, businessTimeSource } from '@ledger/platform';
import { rememberedTime } from './fast-time';
import { GeneratorInput, generateInto } from './generator-thread';

/**
 * The worker thread that generates a simulated run (`--worker`): the configured РИЦ's business time
 * made here from the same configuration, then the simulation posting its flushes to the main
 * thread, which appends them (and may project) meanwhile.
 */
const { input, config } = workerData as { input: GeneratorInput; config: LedgerConfig };
if (parentPort)
  void generateInto(parentPort, input, rememberedTime(businessTimeSource(config)(input.ric))).then(() =>
    parentPort!.close(),
  );

/**
 * Delay before retry `attempt` (1 = the first retry): "full jitter" exponential backoff, a random
 * wait between 0 and min(cap, base·2^(attempt-1)). The randomness spreads writers of other
 * processes that lost the same race, so they do not collide again in lockstep.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random, baseMs = 5, capMs = 250) {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

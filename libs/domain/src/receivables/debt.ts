import type { RegisteredClient } from '../client/state';
import { Debt, debtMonthsOf, toKopecks, unpaidAmount } from './receivables';

/** The client's debt now, in kopecks: what every debt rule reads. */
export const debtOf = (client: RegisteredClient): Debt => ({
  unpaid: unpaidAmount(client.receivables.invoiced, client.receivables.paid),
  monthlyFee: toKopecks(client.monthlyFee),
});

/** The client's debt depth in months, rounded for showing. */
export const clientDebtMonths = (client: RegisteredClient): number => debtMonthsOf(debtOf(client));

import type { Upcaster } from './registry';

/**
 * The client events' history of shapes. Plain JSON in, plain JSON out: the store knows no domain
 * types. Each upcaster must also accept data already in the newer shape (events written before
 * versions were stamped carry version 1 whatever their shape).
 */
export const CLIENT_UPCASTERS: readonly Upcaster[] = [
  {
    // v1 (before per-client cadence and billing day): registered clients were called weekly and
    // invoiced on the 1st — the defaults POST /clients still applies (API.md).
    type: 'ClientRegistered',
    fromVersion: 1,
    upcast: (data) => ({
      ...data,
      contactCadence: data.contactCadence ?? 'weekly',
      billingDay: data.billingDay ?? 1,
    }),
  },
];

/** One stream per client (SPEC §2): `client-<ric>-<clientId>`. */
export const clientStreamId = (ric: string, clientId: string): string => `client-${ric}-${clientId}`;

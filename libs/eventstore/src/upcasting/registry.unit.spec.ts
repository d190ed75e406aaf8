import type { RecordedEvent } from '../event-store';
import { UpcasterRegistry } from './registry';
import { schemaVersionOf, upcast } from './index';

const event = (type: string, data: unknown, schemaVersion?: number): RecordedEvent => ({
  streamId: 'client-444-c-1',
  streamVersion: 1,
  position: '1',
  type,
  data,
  metadata: {
    eventId: 'e-1',
    ric: '444',
    actor: { id: 'a', role: 'ADMIN' },
    occurredAt: '2026-03-10T06:00:00.000Z',
    recordedAt: '2026-03-10T06:00:00.000Z',
    correlationId: 'c',
    causationId: 'c',
    ...(schemaVersion === undefined ? {} : { schemaVersion }),
  } as RecordedEvent['metadata'],
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([
    { type: 'Renamed', fromVersion: 1, upcast: ({ title, ...rest }) => ({ ...rest, name: title }) },
    { type: 'Renamed', fromVersion: 2, upcast: (data) => ({ ...data, name: String(data.name).trim() }) },
  ]);

  it('applies every upcaster from the stored version to the current one, and stamps the version', () => {
    const stored = event('Renamed', { title: ' Acme ' }, 1);
    const current = registry.upcast(stored);
    expect(current.data).toEqual({ name: 'Acme' });
    expect(current.metadata.schemaVersion).toBe(3);
    expect(stored.data).toEqual({ title: ' Acme ' }); // the stored event is left as it was
    expect(registry.upcast(event('Renamed', { title: 'B' })).data).toEqual({ name: 'B' }); // no version: 1
    expect(registry.upcast(event('Renamed', { name: ' C ' }, 2)).data).toEqual({ name: 'C' });
  });

  it('leaves alone events of other types and of versions it has no upcaster for (newer ones)', () => {
    const other = event('Other', { x: 1 }, 1);
    expect(registry.upcast(other)).toBe(other);
    const newer = event('Renamed', { fullName: 'x' }, 9);
    expect(registry.upcast(newer)).toBe(newer);
  });

  it('answers the version a build writes each type at, and refuses two upcasters for one version', () => {
    expect(registry.currentVersion('Renamed')).toBe(3);
    expect(registry.currentVersion('Other')).toBe(1);
    expect(
      () =>
        new UpcasterRegistry(
          [...Array(2)].map(() => ({ type: 'T', fromVersion: 1, upcast: (d: Record<string, unknown>) => d })),
        ),
    ).toThrow(/two upcasters/);
  });
});

describe('client upcasters', () => {
  it('gives a v1 ClientRegistered without cadence and billing day the defaults POST /clients applies', () => {
    const v1 = event('ClientRegistered', { clientId: 'c-1', name: 'Old', monthlyFee: 100 }, 1);
    expect(upcast(v1)).toMatchObject({
      data: { clientId: 'c-1', contactCadence: 'weekly', billingDay: 1 },
      metadata: { schemaVersion: 2 },
    });
    const written = event(
      'ClientRegistered',
      { clientId: 'c-2', contactCadence: 'monthly', billingDay: 15 },
      1,
    );
    expect(upcast(written).data).toMatchObject({ contactCadence: 'monthly', billingDay: 15 });
    expect(schemaVersionOf('ClientRegistered')).toBe(2);
    expect(schemaVersionOf('PaymentReceived')).toBe(1);
  });
});

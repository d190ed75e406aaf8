import { ClientState, ClientView, RegisteredClient, foldClient } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import type { BulkRow } from './bulk';
import { searchTextOf } from './client-search';

/** The state at a stream version, kept aside while the fold goes on (a snapshot, ADR 0070). */
export interface StateSnapshot {
  version: number;
  state: ClientState;
}

/**
 * `fresh` folded onto `from`; with `snapshotEvery`, also the state at the batch's last snapshot
 * point: the registration (version 1, so that a row holds a state from its first batch on), a
 * multiple of the interval, or an erasure of a contact person (152-ФЗ) — an older snapshot would
 * keep the erased person's data in the table. The points depend on the versions only, not on how
 * the log was cut into batches, so a rebuild writes the same snapshots.
 */
export function foldWithSnapshot(
  from: ClientState,
  fresh: readonly RecordedEvent[],
  snapshotEvery?: number,
): { state: ClientState; snapshot?: StateSnapshot } {
  let at = -1;
  if (snapshotEvery)
    for (let i = fresh.length - 1; i >= 0 && at < 0; i--) {
      const event = fresh[i]!;
      const version = event.streamVersion;
      if (version % snapshotEvery === 0 || version === 1 || event.type === 'ContactPersonErased') at = i;
    }
  if (at < 0) return { state: foldClient(fresh, from) };
  // foldClient copies what it changes: the snapshot stays as it was while the rest folds on
  const atPoint = foldClient(fresh.slice(0, at + 1), from);
  const snapshot = { version: fresh[at]!.streamVersion, state: atPoint };
  return at === fresh.length - 1
    ? { state: atPoint, snapshot }
    : { state: foldClient(fresh.slice(at + 1), atPoint), snapshot };
}

/**
 * The usage weeks `after` holds that `before` did not (new or corrected: to write) and those it no
 * longer holds (out of the 13 kept: to delete). A fold copies the list but shares the weeks it did
 * not change (a new observation is a new object), so most comparisons are by identity; a state
 * refolded from a snapshot is compared by value. Writing only these keeps a batch's usage rows to
 * the weeks it brought, however many batches the year is cut into.
 */
export function usageChanges(
  before: ClientState | null,
  after: RegisteredClient,
): { written: RegisteredClient['usage']; gone: string[] } {
  const old = new Map(before?.status === 'registered' ? before.usage.map((w) => [w.weekStart, w]) : []);
  const written = after.usage.filter((week) => {
    const was = old.get(week.weekStart);
    old.delete(week.weekStart);
    return !(was === week || (was && JSON.stringify(was) === JSON.stringify(week)));
  });
  return { written, gone: [...old.keys()] };
}

/** rm_clients' columns that follow from the state at the row's version (all but keys, snapshot and usage). */
export function clientRow(
  state: RegisteredClient,
  view: ClientView,
  necessity: number,
  failures: readonly string[],
): BulkRow {
  return {
    name: state.name,
    lifecycle: state.lifecycle,
    kpp_id: state.kppId,
    pm_id: state.pmId,
    responsible_role: state.responsible.role,
    responsible_id: state.responsible.employeeId,
    debt_months: view.debtMonths,
    unpaid: view.unpaid,
    diagnostic_failures: failures,
    contact_necessity: necessity,
    inn: state.inn ?? null,
    category: state.category,
    search_text: searchTextOf(state.name, state.inn),
    contact_persons: state.contactPersons,
    monthly_fee: state.monthlyFee,
    contact_cadence: state.contactCadence,
    registered_at: state.registeredAt,
    // only what the receivables register sums: the whole records are most of the state's receivables
    promises: state.receivables.promises.map(({ promisedOn, target, paidInTime }) => ({
      promisedOn,
      target,
      paidInTime,
    })),
    view,
  };
}

import { Actor, ContactCadence, addDays, debtOf, openPromiseOf } from '@ledger/domain';
import {
  CADENCE_MIX,
  CATEGORY_MIX,
  FEE_ROUBLES,
  NO_LOGIN_DATA_SHARE,
  PAYER_MIX,
  PROMISE_KEPT,
  REMINDER_SHARE,
  SECOND_SERVICE_POINT_SHARE,
  SEGMENT_MIX,
  SEGMENT_STAY,
} from './parameters';
import { Random } from './prng';
import { PayerKind, SimClient, World } from './sim-client';

export const ROS: Actor = { id: 'ros-1', role: 'ROS' };
export const kppActor = (id: string): Actor => ({ id, role: 'KPP' });
export const pmActor = (id: string): Actor => ({ id, role: 'PM' });

const at = (world: World, date: string, hour: number, minute = 0) =>
  new Date(world.time.startOfDay(date).getTime() + (hour * 60 + minute) * 60_000);

/** A new client of the РИЦ, with its draws of behaviour (all from its own seeded source). */
export function newClient(world: World, seed: number, index: number): SimClient {
  const rng = new Random(seed, `client-${index}`);
  const payer = rng.weighted(PAYER_MIX) as PayerKind;
  const segment = rng.weighted(SEGMENT_MIX);
  return new SimClient(
    world,
    `c${String(index).padStart(5, '0')}`,
    rng,
    payer,
    segment,
    !rng.chance(NO_LOGIN_DATA_SHARE),
  );
}

/**
 * Registration and the transfer to remote service [003]: РОС registers the client and records the
 * letter and the engineer's last visit (dated earlier), the КПП the first remote call today.
 */
export function onboard(client: SimClient, date: string, kppId: string, pmId: string): void {
  const { world, rng } = client;
  const fee =
    FEE_ROUBLES.min + FEE_ROUBLES.step * rng.int(0, (FEE_ROUBLES.max - FEE_ROUBLES.min) / FEE_ROUBLES.step);
  const morning = at(world, date, 8, rng.int(0, 50));
  client.run(
    {
      type: 'RegisterClient',
      clientId: client.clientId,
      name: `Клиент ${client.clientId}`,
      monthlyFee: fee,
      category: rng.weighted(CATEGORY_MIX),
      kppId,
      pmId,
      contactCadence: rng.weighted(CADENCE_MIX) as ContactCadence,
      billingDay: rng.chance(0.7) ? 1 : rng.int(2, 28),
    },
    ROS,
    morning,
  );
  if (rng.chance(SECOND_SERVICE_POINT_SHARE))
    client.run(
      { type: 'AddServicePoint', servicePointId: 'sp2', name: 'Филиал', contactCadence: 'biweekly' },
      ROS,
      morning,
    );
  const past = (days: number) => at(world, addDays(date, -days), 10).toISOString();
  client.run({ type: 'RecordTransferStep', step: 'letter_and_ros_call', occurredAt: past(14) }, ROS, morning);
  client.run({ type: 'RecordTransferStep', step: 'final_engineer_visit', occurredAt: past(7) }, ROS, morning);
  const firstCall = at(world, date, 9, rng.int(0, 59));
  client.run(
    {
      type: 'AddContactPerson',
      contactPersonId: 'kl-1',
      name: `Пользователь ${client.clientId}`,
      roles: ['key_user', 'payer'],
      phones: [`+7 900 ${String(rng.int(0, 9_999_999)).padStart(7, '0')}`],
      emails: [],
      interests: [],
      subscribedToNewsletter: rng.chance(0.4),
    },
    kppActor(kppId),
    firstCall,
  );
  client.run({ type: 'RecordTransferStep', step: 'first_remote_call' }, kppActor(kppId), firstCall);
}

/** The invoice of the month on the billing day (РОС), and when this client will pay it. */
export function billing(client: SimClient, date: string): void {
  const state = client.registered;
  if (!state || Number(date.slice(8, 10)) !== state.billingDay) return;
  const { rng } = client;
  client.run(
    { type: 'IssueInvoice', invoiceId: `inv-${date.slice(0, 7)}`, amount: state.monthlyFee, issuedOn: date },
    ROS,
    at(client.world, date, 8),
  );
  client.lastInvoiceOn = date;
  // prompt payers pay within days; the others mostly wait for the КПП's call and a promise
  const unprompted = { prompt: 0.9, promiser: 0.15, slipping: 0.2 }[client.payer];
  if (rng.chance(unprompted)) schedulePayment(client, addDays(date, rng.int(1, 8)), state.monthlyFee);
}

export function schedulePayment(client: SimClient, date: string, roubles: number): void {
  client.payments.set(date, (client.payments.get(date) ?? 0) + roubles);
}

/** The bank statement of the day, recorded by РОС at 10:00. */
export function payments(client: SimClient, date: string): void {
  const amount = client.payments.get(date);
  if (amount === undefined) return;
  client.payments.delete(date);
  if (!client.registered || amount <= 0) return;
  client.run(
    { type: 'RecordPayment', paymentId: `pay-${++client.paymentSeq}`, amount, paidOn: date },
    ROS,
    at(client.world, date, 10),
  );
}

/**
 * A promise of the debtor reached by phone (by whoever is responsible): kept — paid in full on or
 * before the agreed day — with the chance of its kind of payer, otherwise paid late or not at all.
 */
export function promise(client: SimClient, date: string, actor: Actor, now: Date, keepChance?: number): void {
  const state = client.registered;
  if (!state || openPromiseOf(state)) return;
  const { rng } = client;
  const unpaid = debtOf(state).unpaid / 100;
  if (unpaid <= 0) return;
  const promisedOn = addDays(date, rng.int(2, 10));
  const appended = client.run(
    {
      type: 'RecordPaymentPromise',
      promiseId: `pr-${++client.promiseSeq}`,
      promisedOn,
      remind: rng.chance(REMINDER_SHARE),
    },
    actor,
    now,
  );
  if (appended === 0) return;
  if (rng.chance(keepChance ?? PROMISE_KEPT[client.payer])) {
    schedulePayment(client, addDays(promisedOn, -rng.int(0, 2)), unpaid);
  } else if (rng.chance(0.5)) {
    // paid after the agreed day: the promise stays broken
    schedulePayment(client, addDays(promisedOn, rng.int(1, 12)), Math.round(unpaid / 2));
  }
}

/** The week's usage facts from the CRM (РОС, Mondays) for the week before, by the client's segment. */
export function usage(client: SimClient, date: string): void {
  const state = client.registered;
  if (!state) return;
  const { rng } = client;
  const segment = rng.chance(SEGMENT_STAY) ? client.segment : rng.weighted(SEGMENT_MIX);
  const system = segment === 'green' || segment === 'yellow';
  const service = segment === 'green' || segment === 'blue';
  const count = (on: boolean, max: number) => (on ? rng.int(1, max) : 0);
  client.run(
    {
      type: 'RecordUsage',
      observation: {
        weekStart: addDays(date, -7),
        ...(client.loginsKnown ? { logins: count(system, 25) } : {}),
        portalRequests: count(service && rng.chance(0.4), 4),
        hotlineRequests: count(rng.chance(0.25), 3),
        trainedShare: Math.round(rng.between(0.3, 1) * 100) / 100,
        webinars: count(rng.chance(0.1), 1),
        newsletterClicks: count(rng.chance(0.3), 3),
        videoClicks: count(rng.chance(0.2), 2),
        updatesInstalled: rng.chance(0.85),
        renewalPeriodStarted: rng.chance(0.03),
        unreturnedActs: rng.chance(0.05) ? 1 : 0,
        competitor: rng.chance(0.05) ? 'yes' : rng.chance(0.7) ? 'no' : 'unknown',
        portalDepartments: service && rng.chance(0.4) ? ['accounting'] : [],
        serviceActivity: {
          documentOrders: count(service && rng.chance(0.5), 5),
          onlineOrders: count(service && rng.chance(0.3), 3),
          consultingLineRequests: count(service && rng.chance(0.4), 3),
          selectionOrders: count(service && rng.chance(0.1), 2),
          trainedUsers: count(service && rng.chance(0.05), 2),
          onlineDialogRequests: count(service && rng.chance(0.2), 2),
          personalAccountRegistered: false,
          // at least one service when the week is one with service
          techSupportRequests: service ? 1 : 0,
        },
      },
    },
    ROS,
    at(client.world, date, 7),
  );
}

/**
 * The ПМ's work (11:00–16:00): the decision maker's monthly e-mail then call [002], the half-yearly
 * competitor diagnostics [002], and promises of the debtors handed over. A ПМ gets to most of it.
 */
export function pmWork(client: SimClient, date: string): void {
  const state = client.registered;
  if (!state) return;
  const { rng, world } = client;
  const pm = pmActor(state.responsible.role === 'PM' ? state.responsible.employeeId : state.pmId);
  const dm = state.decisionMakerContact;
  if (dm && date >= addDays(dm.since.slice(0, 10), dm.step === 'email' ? 3 : 5) && rng.chance(0.3))
    client.run({ type: 'RecordDecisionMakerStep', step: dm.step }, pm, at(world, date, 11, rng.int(0, 59)));
  const diag = state.competitorDiagnosticsDue;
  if (diag && date >= addDays(diag.since.slice(0, 10), 14) && rng.chance(0.1)) {
    const competitor = rng.weighted({ yes: 0.15, no: 0.65, unknown: 0.2 });
    client.run(
      {
        type: 'RecordCompetitorDiagnostics',
        competitor,
        competitors: competitor === 'yes' ? [rng.pick(['Гарант', 'Кодекс', 'Техэксперт'])] : [],
      },
      pm,
      at(world, date, 14, rng.int(0, 59)),
    );
  }
  // a client with the ПМ: the ПМ's visit gets a promise that is mostly kept
  if (state.responsible.role === 'PM' && debtOf(state).unpaid > 0 && rng.chance(0.15))
    promise(client, date, pm, at(world, date, 15, rng.int(0, 59)), client.payer === 'slipping' ? 0.55 : 0.85);
}

import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, UsageObservation } from '@ledger/domain';
import { Caller } from '../auth/auth';
import { ClientCommands } from '../http/client-commands';
import { RejectedObservation, UsageImportAnswer, UsageObservationDto } from './usage.dto';

/**
 * Clients imported side by side. The command service runs one client's commands one at a time;
 * different clients only share the database pool (16 connections), so 8 keeps room for the
 * planner and the projector while an import runs (ADR 0045).
 */
export const IMPORT_CONCURRENCY = 8;

/** The domain's observation: absent counts are 0, absent logins stay absent ("unknown"). */
export const toObservation = (o: UsageObservationDto): UsageObservation => ({
  weekStart: o.weekStart,
  ...(o.logins !== undefined ? { logins: o.logins } : {}),
  portalRequests: o.portalRequests ?? 0,
  ...(o.portalLowestRating !== undefined ? { portalLowestRating: o.portalLowestRating } : {}),
  hotlineRequests: o.hotlineRequests ?? 0,
  trainedShare: o.trainedShare ?? 0,
  webinars: o.webinars ?? 0,
  newsletterClicks: o.newsletterClicks ?? 0,
  videoClicks: o.videoClicks ?? 0,
  updatesInstalled: o.updatesInstalled ?? false,
  renewalPeriodStarted: o.renewalPeriodStarted ?? false,
  unreturnedActs: o.unreturnedActs ?? 0,
  competitor: o.competitor ?? 'unknown',
  ...(o.portalDepartments !== undefined ? { portalDepartments: [...o.portalDepartments].sort() } : {}),
  ...(o.departmentsTrainedBelowHalf !== undefined
    ? { departmentsTrainedBelowHalf: o.departmentsTrainedBelowHalf }
    : {}),
  ...(o.seminarCertificates !== undefined ? { seminarCertificates: o.seminarCertificates } : {}),
  ...(o.serviceActivity
    ? {
        serviceActivity: {
          documentOrders: o.serviceActivity.documentOrders ?? 0,
          onlineOrders: o.serviceActivity.onlineOrders ?? 0,
          consultingLineRequests: o.serviceActivity.consultingLineRequests ?? 0,
          selectionOrders: o.serviceActivity.selectionOrders ?? 0,
          trainedUsers: o.serviceActivity.trainedUsers ?? 0,
          onlineDialogRequests: o.serviceActivity.onlineDialogRequests ?? 0,
          personalAccountRegistered: o.serviceActivity.personalAccountRegistered ?? false,
          techSupportRequests: o.serviceActivity.techSupportRequests ?? 0,
        },
      }
    : {}),
});

/** A weekly import: one `RecordUsage` per row, clients side by side, each client's rows in order. */
@Injectable()
export class UsageImport {
  constructor(private readonly commands: ClientCommands) {}

  async run(request: Request, caller: Caller, rows: UsageObservationDto[]): Promise<UsageImportAnswer> {
    // one client's rows stay in file order: a later row for the same week corrects an earlier one
    const byClient = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const mine = byClient.get(row.clientId);
      if (mine) mine.push(i);
      else byClient.set(row.clientId, [i]);
    });
    const clients = [...byClient.values()];
    const send = this.commands.senderFor(request, caller, 'RecordUsage');
    const rejected: RejectedObservation[] = [];
    let recorded = 0;
    let last = { streamVersion: 0, position: 0n };
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < clients.length) {
        for (const i of clients[next++]!) {
          const row = rows[i]!;
          try {
            const answer = await send(
              row.clientId,
              { type: 'RecordUsage', observation: toObservation(row) },
              i,
            );
            if (answer.appended !== 0) recorded++;
            if (BigInt(answer.position) > last.position)
              last = { streamVersion: answer.streamVersion, position: BigInt(answer.position) };
          } catch (error) {
            // a refusal concerns its row; a key reused for another body, or a failure, the request
            if (!(error instanceof DomainError) || error.rule === 'idempotency_key_reused') {
              failed = true;
              throw error;
            }
            rejected.push({ row: i, clientId: row.clientId, rule: error.rule, error: error.message });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, clients.length) }, worker));
    rejected.sort((a, b) => a.row - b.row);
    return {
      observations: rows.length,
      recorded,
      streamVersion: last.streamVersion,
      position: last.position.toString(),
      rejected,
    };
  }
}

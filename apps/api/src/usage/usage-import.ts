import { Inject, Injectable } from '@nestjs/common';
import { ClientCommandService } from '@ledger/application';
import type { Request } from 'express';
import { DomainError, UsageObservation } from '@ledger/domain';
import { Caller } from '../auth/auth';
import { ClientCommands } from '../http/client-commands';
import { RejectedObservation, UsageImportAnswer, UsageObservationDto } from './usage.dto';

/**
 * An import runs in batches of clients (one read and one commit per batch, ADR 0045), a few at a
 * time: the database pool has 16 connections, and the planner and the projector keep theirs.
 */
export const IMPORT_BATCH = 250;
export const IMPORT_CONCURRENCY = 4;

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

/**
 * A weekly import: one `RecordUsage` per row, batches of clients side by side. A client's rows run
 * in file order (its first rows in the first round, its second in the next…): a later row for the
 * same week corrects an earlier one.
 */
@Injectable()
export class UsageImport {
  constructor(
    private readonly commands: ClientCommands,
    @Inject(ClientCommandService) private readonly service: ClientCommandService,
  ) {}

  async run(request: Request, caller: Caller, rows: UsageObservationDto[]): Promise<UsageImportAnswer> {
    const rounds: number[][] = [];
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      const round = seen.get(row.clientId) ?? 0;
      seen.set(row.clientId, round + 1);
      (rounds[round] ??= []).push(i);
    });
    const envelopeOf = this.commands.envelopesFor(request, caller, 'RecordUsage');
    const rejected: RejectedObservation[] = [];
    let recorded = 0;
    let last = { streamVersion: 0, position: 0n };
    for (const round of rounds) {
      const batches: number[][] = [];
      for (let at = 0; at < round.length; at += IMPORT_BATCH)
        batches.push(round.slice(at, at + IMPORT_BATCH));
      let next = 0;
      let failed = false;
      const worker = async () => {
        while (!failed && next < batches.length) {
          const batch = batches[next++]!;
          const answers = await this.service.executeMany(
            batch.map((i) =>
              envelopeOf(rows[i]!.clientId, { type: 'RecordUsage', observation: toObservation(rows[i]!) }, i),
            ),
          );
          answers.forEach((answer, k) => {
            const i = batch[k]!;
            if (answer instanceof DomainError) {
              // a key reused for another body concerns the request, not the row
              if (answer.rule === 'idempotency_key_reused') throw answer;
              rejected.push({
                row: i,
                clientId: rows[i]!.clientId,
                rule: answer.rule,
                error: answer.message,
              });
              return;
            }
            if (answer.appended !== 0) recorded++;
            if (BigInt(answer.position) > last.position)
              last = { streamVersion: answer.streamVersion, position: BigInt(answer.position) };
          });
        }
      };
      // a failure ends the import (what was committed stays; sending the file again completes it)
      const guarded = () =>
        worker().catch((error: unknown) => {
          failed = true;
          throw error;
        });
      await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, batches.length) }, guarded));
    }
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

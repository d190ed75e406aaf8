import type { components } from '../../api/schema';

/**
 * The auditor's reads (API.md "Auditors", ADR 0057), taken from the OpenAPI document (schema.d.ts,
 * generated), so a change of an answer shows up here as a type error.
 */
type Schemas = components['schemas'];

export type HistoryEvent = Schemas['GetClientHistoryResponse']['events'][number];
export type Decision = Schemas['GetClientDecisionsResponse']['items'][number];
/** GET /clients/{id}/state?at=: the card as it stood then, with each workflow's state. */
export type StateAt = Schemas['GetClientStateAtResponse'];
export type Workflows = NonNullable<StateAt['workflows']>;
export type Checklist = Schemas['GetReviewChecklistsResponse']['sheets'][number];
export type AuditSample = Schemas['GetAuditSampleResponse'];
export type SampleCall = AuditSample['items'][number];

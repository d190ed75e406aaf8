import type { components } from './schema';

/**
 * The reads the console shows, named as the pages use them. Every shape comes from the OpenAPI
 * document (schema.d.ts, generated), so a change of an answer shows up here as a type error.
 */
type Schemas = components['schemas'];

export type CommandAnswer = Schemas['CommandAnswer'] & { contactId?: string; promiseId?: string };
export type Planner = Schemas['GetKppPlannerResponse'];
export type WorkItem = Planner['items'][number];
export type PmQueue = Schemas['GetPmQueueResponse'];
export type ClientCard = Schemas['GetClientResponse'];
export type OpenContact = ClientCard['openContacts'][number];
export type HandoverSheet = Schemas['GetHandoverSheetResponse'];

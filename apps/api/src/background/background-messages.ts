/** What the API's thread and the background thread (projector + scheduler) say to each other. */
export interface BackgroundData {
  /** The database the API process uses (its embedded PostgreSQL's URL, password included). */
  databaseUrl: string;
}

export type ToBackground = { type: 'appended' } | { type: 'stop' };

export type FromBackground = { type: 'started' } | { type: 'stopped' } | { type: 'failed'; error: string };

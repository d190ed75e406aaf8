import { useState } from 'preact/hooks';
import { ApiError, RULE_FIELDS, describeProblem, ruleMessage } from '../api/problems';

export interface Submission {
  busy: boolean;
  /** the headline of the last failure, or null */
  problem: string | null;
  /** 400 details naming fields not on the form */
  otherDetails: string[];
  done: string | null;
  /** the API's message for a field of the form */
  fieldError(field: string): string | undefined;
  submit(action: () => Promise<string>): Promise<void>;
}

/**
 * One form's sending: busy while the call runs, then either the success sentence or the API's
 * problem — 400 details by field (`stages.0` belongs to `stages`), 409 rule in Russian, 401/403.
 */
export function useSubmit(fields: string[]): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const details = error instanceof ApiError ? error.details : [];
  const ownerOf = (field: string) => fields.find((f) => field === f || field.startsWith(`${f}.`));
  return {
    busy,
    done,
    problem: error ? describeProblem(error) : null,
    otherDetails: details.filter((d) => !ownerOf(d.field)).map((d) => `${d.field}: ${d.message}`),
    fieldError: (field) => {
      if (error instanceof ApiError && error.rule && RULE_FIELDS[error.rule] === field) {
        return ruleMessage(error.rule, error.message);
      }
      return (
        details
          .filter((d) => ownerOf(d.field) === field)
          .map((d) => d.message)
          .join('; ') || undefined
      );
    },
    async submit(action) {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        setDone(await action());
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
  };
}

import type { Submission } from './use-submit';

/** The form's outcome, announced to screen readers: success, or the problem and stray details. */
export function FormStatus(props: { state: Submission }) {
  const { problem, otherDetails, done } = props.state;
  if (problem) {
    return (
      <div class="form-problem" role="alert">
        <p>{problem}</p>
        {otherDetails.length > 0 && (
          <ul>
            {otherDetails.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return done ? (
    <p class="form-done" role="status">
      {done}
    </p>
  ) : null;
}

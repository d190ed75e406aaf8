import type { ComponentChildren } from 'preact';

/** A labelled control with the API's message for its field right under it. */
export function Field(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && !props.error && <small id={`${props.id}-hint`}>{props.hint}</small>}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The control's side of Field: marked invalid and described by its error. */
export const describedBy = (id: string, error?: string) => ({
  id,
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': error ? `${id}-error` : undefined,
});

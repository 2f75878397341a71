// A labelled form field with its error (or hint) under it: every dialog's fields look alike.
import type { ReactNode } from 'react';

export function FormField(props: {
  label: string;
  error?: string | undefined;
  name: string;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <label
      className={`field${props.wide ? ' field-wide' : ''}${props.error ? ' field-invalid' : ''}`}
    >
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.error ? (
        <span className="field-error" data-testid={`field-error-${props.name}`}>
          {props.error}
        </span>
      ) : props.hint ? (
        <span className="field-hint">{props.hint}</span>
      ) : null}
    </label>
  );
}

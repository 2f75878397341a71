// A form's error as an alert (nothing while there is none): one markup wherever a form fails.
export function FormError(props: { error: string | null; testId?: string }) {
  if (!props.error) return null;
  return (
    <div className="form-error" role="alert" data-testid={props.testId}>
      {props.error}
    </div>
  );
}

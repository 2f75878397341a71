// A whole-number setting: labelled, bounded like its contract field, with its error.
import { FormField } from '../shell/form-field';

export function NumberSetting(props: {
  label: string;
  name: string;
  error: string | undefined;
  hint?: string;
  testId: string;
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FormField
      label={props.label}
      name={props.name}
      error={props.error}
      {...(props.hint === undefined ? {} : { hint: props.hint })}
    >
      <input
        className="input"
        data-testid={props.testId}
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </FormField>
  );
}

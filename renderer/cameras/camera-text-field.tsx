// One text input of the camera dialog, labelled, with its field error.
import { FormField } from '../shell/form-field';

export interface InputOptions {
  placeholder?: string;
  testId: string;
  list?: string;
  type?: string;
  wide?: boolean;
  auto?: string;
}

/** A plain function, not a component: both tabs call it inline for each field. */
export const textField = (
  name: string,
  label: string,
  opts: InputOptions,
  error: string | undefined,
  value: string,
  onChange: (value: string) => void,
) => (
  <FormField label={label} name={name} error={error} wide={opts.wide}>
    <input
      className="input"
      data-testid={opts.testId}
      name={name}
      type={opts.type ?? 'text'}
      list={opts.list}
      placeholder={opts.placeholder}
      autoComplete={opts.auto ?? 'off'}
      spellCheck={false}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  </FormField>
);

import TextField from '@material-ui/core/TextField';
import { useDebouncedText } from '../../../hooks/useDebouncedText';

/** A text filter that hands its value on once typing pauses. */
export function FilterTextField(props: {
  label: string;
  value: string;
  placeholder?: string;
  onCommit: (text: string) => void;
}) {
  const [text, setText] = useDebouncedText(props.value, props.onCommit);
  return (
    <TextField
      label={props.label}
      value={text}
      placeholder={props.placeholder}
      onChange={e => setText(e.target.value)}
      inputProps={{ 'aria-label': props.label }}
      style={{ width: 220 }}
    />
  );
}

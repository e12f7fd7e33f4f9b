/**
 * A timestamp in UTC, to the minute (`2026-02-02 10:30`) or as its calendar
 * date (`2026-02-02`), with the full value on hover. A value that is not a
 * timestamp (spec headers hold dates as written, `Jan 2025`) is shown as is.
 */
export function DateTime(props: {
  value?: string;
  precision?: 'minute' | 'day';
}) {
  const { value, precision = 'minute' } = props;
  if (!value) {
    return null;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return <span>{value}</span>;
  }
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {precision === 'day'
        ? iso.slice(0, 10)
        : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`}
    </time>
  );
}

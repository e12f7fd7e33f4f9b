/** A timestamp as its calendar date (UTC), with the full value on hover. */
export function SpecDate(props: { value?: string }) {
  const { value } = props;
  if (!value) {
    return null;
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    // Spec headers hold dates as written (`Jan 2025`); show those untouched.
    return <span>{value}</span>;
  }
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {date.toISOString().slice(0, 10)}
    </time>
  );
}

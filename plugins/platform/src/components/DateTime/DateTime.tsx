/** A timestamp to the minute in UTC (`2026-02-02 10:30`), the full value on hover. */
export function DateTime(props: { value?: string }) {
  const { value } = props;
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
      {`${iso.slice(0, 10)} ${iso.slice(11, 16)}`}
    </time>
  );
}

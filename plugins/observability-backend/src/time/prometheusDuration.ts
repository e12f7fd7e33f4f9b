const UNIT_MS: Record<string, number> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

// Prometheus' own duration syntax: units largest first, each at most once.
const DURATION =
  /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/** Reads a Prometheus duration such as `5m` or `1h30m` into milliseconds; undefined if invalid. */
export function parsePrometheusDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match || text === '') {
    return undefined;
  }
  let total = 0;
  UNITS.forEach((unit, i) => {
    if (match[i + 1] !== undefined) {
      total += Number(match[i + 1]) * UNIT_MS[unit];
    }
  });
  return total;
}

/** Writes milliseconds as a Prometheus duration, e.g. 5400000 -> `1h30m`. */
export function formatPrometheusDuration(ms: number): string {
  if (ms <= 0) {
    return '0s';
  }
  let rest = Math.round(ms);
  let text = '';
  for (const unit of UNITS) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * UNIT_MS[unit];
    }
  }
  return text;
}

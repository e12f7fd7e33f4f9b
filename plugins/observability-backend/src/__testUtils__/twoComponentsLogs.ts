/** Stream fields of the test logs: the labels the entities' scopes match on. */
export const STREAM_FIELDS = ['namespace', 'app'];

const LEVELS = ['info', 'info', 'warn', 'error', 'debug'];

/**
 * Log rows of two components, ending at `end` (Unix ms), one second apart. A checkout row
 * names `checkout` in its message, stream labels, `cart_id`, `user` and `seq`, so a leaked
 * row is recognisable whichever of those a query keeps; payments rows never contain the
 * word.
 */
export function twoComponentsLogs(end: number, count = 50) {
  const payments: Record<string, string>[] = [];
  const checkout: Record<string, string>[] = [];
  for (let i = 0; i < count; i++) {
    const time = new Date(end - (count - i) * 1000).toISOString();
    const level = LEVELS[i % LEVELS.length];
    payments.push({
      _time: time,
      _msg: `payments request ${i} ${level === 'error' ? 'failed' : 'ok'}`,
      namespace: 'payments',
      app: 'payments-api',
      level,
      trace_id: (0xabc000 + i).toString(16).padStart(32, '0'),
      user: `pay-user-${i % 7}`,
      seq: String(i),
    });
    checkout.push({
      _time: time,
      _msg: `checkout cart ${i} ${level === 'error' ? 'failed' : 'ok'}`,
      namespace: 'checkout',
      app: 'checkout-web',
      level: `${level}`,
      cart_id: `checkout-cart-${i}`,
      user: `checkout-user-${i % 5}`,
      seq: `checkout-${i}`,
    });
  }
  return { payments, checkout };
}

/** The trace and span ids of a W3C `traceparent` header. */
export interface TraceContext {
  traceId: string;
  spanId: string;
}

const traceparent =
  /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Reads a W3C `traceparent` header (`00-<trace id>-<span id>-<flags>`); undefined when malformed. */
export function parseTraceparent(
  header: string | string[] | undefined,
): TraceContext | undefined {
  if (typeof header !== 'string') return undefined;
  const match = traceparent.exec(header);
  if (!match) return undefined;
  const [, version, traceId, spanId] = match;
  if (version === 'ff' || /^0+$/.test(traceId) || /^0+$/.test(spanId)) {
    return undefined;
  }
  return { traceId, spanId };
}

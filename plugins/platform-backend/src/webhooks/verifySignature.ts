import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks GitHub's `X-Hub-Signature-256` header: `sha256=` and the hex
 * HMAC-SHA256 of the raw request body, keyed with the webhook secret.
 */
export function verifyGithubSignature(
  secret: string,
  body: Buffer,
  header: string | undefined,
): boolean {
  if (!header || !header.startsWith('sha256=')) {
    return false;
  }
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Signs a body the way GitHub does; for tests and for replaying deliveries. */
export function signGithubPayload(
  secret: string,
  body: Buffer | string,
): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

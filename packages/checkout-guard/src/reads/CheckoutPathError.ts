/**
 * Why a path of a checkout was not read or written.
 *
 * @public
 */
export type CheckoutPathProblem =
  | 'outside-checkout'
  | 'not-found'
  | 'not-a-file'
  | 'too-large'
  | 'binary'
  | 'symlink';

/**
 * A path of an untrusted checkout that the guard refused; `problem` says why,
 * so callers can turn it into a diagnostic instead of failing the whole read.
 *
 * @public
 */
export class CheckoutPathError extends Error {
  readonly name = 'CheckoutPathError';

  constructor(
    readonly path: string,
    readonly problem: CheckoutPathProblem,
    message: string,
  ) {
    super(message);
  }
}

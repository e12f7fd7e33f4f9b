import { signGithubPayload, verifyGithubSignature } from './verifySignature';

describe('verifyGithubSignature', () => {
  // The example from GitHub's "Validating webhook deliveries" documentation.
  it('accepts the documented example signature', () => {
    expect(
      verifyGithubSignature(
        "It's a Secret to Everybody",
        Buffer.from('Hello, World!'),
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      ),
    ).toBe(true);
  });

  it('rejects missing, malformed and wrong signatures', () => {
    const body = Buffer.from('{"a":1}');
    expect(verifyGithubSignature('s', body, undefined)).toBe(false);
    expect(verifyGithubSignature('s', body, 'sha1=abc')).toBe(false);
    expect(verifyGithubSignature('s', body, 'sha256=zz')).toBe(false);
    expect(
      verifyGithubSignature('s', body, signGithubPayload('other', body)),
    ).toBe(false);
    expect(verifyGithubSignature('s', body, signGithubPayload('s', body))).toBe(
      true,
    );
  });
});

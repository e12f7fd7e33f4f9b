import { parseGithubRepository } from './parseGithubRepository';

describe('parseGithubRepository', () => {
  it.each([
    [
      'acme/payments',
      {
        host: 'github.com',
        owner: 'acme',
        repo: 'payments',
        url: 'https://github.com/acme/payments',
      },
    ],
    [
      'github.com/acme/payments',
      { host: 'github.com', owner: 'acme', repo: 'payments' },
    ],
    [
      'https://github.com/acme/payments.git',
      { host: 'github.com', owner: 'acme', repo: 'payments', ref: undefined },
    ],
    [
      'url:https://ghe.example.com/acme/payments/tree/release/services/api',
      {
        host: 'ghe.example.com',
        owner: 'acme',
        repo: 'payments',
        ref: 'release',
        url: 'https://ghe.example.com/acme/payments',
      },
    ],
    ['https://github.com/acme/payments/blob/main/README.md', { ref: 'main' }],
    [
      'http://127.0.0.1:8080/acme/payments',
      { host: '127.0.0.1:8080', url: 'http://127.0.0.1:8080/acme/payments' },
    ],
  ])('reads %s', (input, expected) => {
    expect(parseGithubRepository(input)).toMatchObject(expected);
  });

  it('resolves a slug against the default host', () => {
    expect(
      parseGithubRepository('acme/payments', { defaultHost: 'ghe.example.com' })
        .url,
    ).toBe('https://ghe.example.com/acme/payments');
  });

  it.each(['acme', 'https://github.com/acme', 'acme/pay ments', 'https://'])(
    'refuses %p',
    input => {
      expect(() => parseGithubRepository(input)).toThrow(/repository/);
    },
  );
});

import { parseActiveSpecs } from './activeSpecs';

describe('parseActiveSpecs', () => {
  it('finds spec folders named in AGENTS.md', () => {
    expect(
      parseActiveSpecs(`# Agents

## Active Technologies
- TypeScript 5 (001-user-auth)

## Recent Changes
- 002-Billing-Export: Added CSV export
- See specs/_archive/000-old-thing/ and specs/20250101-120000-login/plan.md

Version 2.10 and port 3000 are not specs.
`),
    ).toEqual([
      '000-old-thing',
      '001-user-auth',
      '002-billing-export',
      '20250101-120000-login',
    ]);
  });
});

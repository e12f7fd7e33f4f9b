import { readGoModRequires } from './readGoModRequires';
import { updateGoMod } from './updateGoMod';

const GO_MOD = `module example.test/service

go 1.22

require example.test/single v1.2.0

require (
\texample.test/greet v1.0.0
\texample.test/Upper v0.3.1 // a comment
\texample.test/indirect v1.0.0 // indirect
\texample.test/pseudo v0.0.0-20240101000000-abcdefabcdef
\texample.test/old v2.0.0+incompatible
\texample.test/replaced v1.0.0
)

replace example.test/replaced => ../replaced
`;

describe('readGoModRequires', () => {
  it('reads direct requirements at release versions', () => {
    expect(readGoModRequires(GO_MOD)).toEqual([
      { modulePath: 'example.test/single', version: 'v1.2.0', semver: '1.2.0' },
      { modulePath: 'example.test/greet', version: 'v1.0.0', semver: '1.0.0' },
      { modulePath: 'example.test/Upper', version: 'v0.3.1', semver: '0.3.1' },
    ]);
  });
});

describe('updateGoMod', () => {
  it('changes only the versions on the require lines', () => {
    const { text, applied } = updateGoMod(GO_MOD, [
      { modulePath: 'example.test/greet', from: 'v1.0.0', to: 'v1.1.0' },
      { modulePath: 'example.test/single', from: 'v1.2.0', to: 'v1.2.5' },
      { modulePath: 'example.test/gone', from: 'v1.0.0', to: 'v1.1.0' },
    ]);
    expect(applied).toEqual(['example.test/greet', 'example.test/single']);
    expect(text).toBe(
      GO_MOD.replace('greet v1.0.0', 'greet v1.1.0').replace(
        'single v1.2.0',
        'single v1.2.5',
      ),
    );
  });
});

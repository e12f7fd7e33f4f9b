import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { Checkout } from '../checkout/Checkout';
import { findBackingServices, serviceOfImage } from './backingServices';

describe('serviceOfImage', () => {
  it('names the service and keeps a plain version tag or a digest comment', () => {
    expect(serviceOfImage('postgres:16')).toEqual({
      name: 'PostgreSQL',
      version: '16',
    });
    expect(
      serviceOfImage(
        'index.docker.io/opensearchproject/opensearch@sha256:2e95',
        '2.13.0',
      ),
    ).toEqual({ name: 'OpenSearch', version: '2.13.0' });
    expect(
      serviceOfImage('docker.io/clickhouse/clickhouse-server:25.12'),
    ).toEqual({ name: 'ClickHouse', version: '25.12' });
    expect(serviceOfImage('redis:latest')).toEqual({
      name: 'Redis',
      version: undefined,
    });
  });

  it('leaves out images whose kind the name does not prove', () => {
    expect(serviceOfImage('ghcr.io/acme/app:latest')).toBeUndefined();
    expect(
      serviceOfImage('opensearchproject/opensearch-dashboards:2.13.0'),
    ).toBeUndefined();
  });
});

describe('findBackingServices', () => {
  let repo: FixtureRepo;
  afterEach(() => repo.remove());

  it('reads compose services and CI service containers, each once, with their source', async () => {
    repo = FixtureRepo.create('services')
      .write(
        'docker-compose.yml',
        [
          'services:',
          '  db:',
          '    image: postgres@sha256:f104 # 14.15',
          '  cache:',
          '    image: memcached:1.6',
          '  web:',
          '    build: .',
          '    image: acme/web:dev',
          '',
        ].join('\n'),
      )
      .write(
        '.github/workflows/ci.yml',
        [
          'on: [pull_request]',
          'jobs:',
          '  test:',
          '    runs-on: ubuntu-latest',
          '    services:',
          '      postgres:',
          '        image: postgres:16',
          '      redis:',
          '        image: redis:7',
          '    steps:',
          '      - run: bin/rails test',
          '',
        ].join('\n'),
      )
      .init()
      .commit('initial');
    const checkout = await Checkout.open(repo.root);
    expect(findBackingServices(checkout)).toEqual([
      {
        name: 'PostgreSQL',
        version: '14.15',
        declaredIn: 'compose',
        source: { file: 'docker-compose.yml', line: 3 },
      },
      {
        name: 'Memcached',
        version: '1.6',
        declaredIn: 'compose',
        source: { file: 'docker-compose.yml', line: 5 },
      },
      {
        name: 'Redis',
        version: '7',
        declaredIn: 'ci',
        source: { file: '.github/workflows/ci.yml', line: 9 },
      },
    ]);
  });

  it('finds nothing in a repository without compose files or service containers', async () => {
    repo = FixtureRepo.create('no-services')
      .write(
        '.github/workflows/ci.yml',
        'on: [push]\njobs:\n  t:\n    steps:\n      - run: make test\n',
      )
      .init()
      .commit('initial');
    expect(findBackingServices(await Checkout.open(repo.root))).toEqual([]);
  });
});

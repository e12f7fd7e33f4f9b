import { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { firstRelease, shopReleases } from '../../../__fixtures__/releases';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import { PlatformApi, platformApiRef } from '../../../api';
import { EntityReleasesCard as LegacyEntityReleasesCard } from '../../../legacy';
import { entityReleasesCard } from '../../../plugin';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/shop-team' },
};

function renderCard(api: PlatformApi, entity: Entity = component) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), entityReleasesCard],
    apis: [[platformApiRef, api]],
  });
}

jest.setTimeout(20_000);

describe('EntityReleasesCard', () => {
  it('shows the next version and why, the release pull request, the unreleased commits by heading and the past releases', async () => {
    const api = mockPlatformApi();
    api.getReleases.mockResolvedValue(shopReleases);
    renderCard(api);

    expect(await screen.findByLabelText('Next version')).toHaveTextContent(
      '0.4.0',
    );
    expect(api.getReleases).toHaveBeenCalledWith({
      entityRef: 'component:default/shop',
    });
    expect(screen.getByText('minor')).toBeInTheDocument();
    expect(screen.getByText('next v0.4.0, after v0.3.0')).toBeInTheDocument();

    const why = screen.getByRole('region', { name: 'Why this version' });
    expect(within(why).getByText('Breaking change')).toBeInTheDocument();
    expect(
      within(why).getByText(
        'Before 1.0.0 a breaking change bumps the minor version, not the major one',
      ),
    ).toBeInTheDocument();
    const deciding = within(why).getByRole('list', {
      name: 'Commits that decide the version',
    });
    expect(deciding).toHaveTextContent('api: drop the v1 routes (#4) 4e1f0c2');
    expect(within(deciding).getByRole('link', { name: '#4' })).toHaveAttribute(
      'href',
      'https://github.com/acme/shop/pull/4',
    );

    const pull = screen.getByRole('region', { name: 'Release pull request' });
    expect(
      within(pull).getByRole('link', {
        name: '#6 chore(release): shop 0.4.0',
      }),
    ).toHaveAttribute('href', 'https://github.com/acme/shop/pull/6');
    expect(within(pull).getByText('open')).toBeInTheDocument();

    const changes = screen.getByRole('region', { name: 'Unreleased changes' });
    expect(
      within(changes)
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual(['⚠ BREAKING CHANGES', 'Features', 'Bug Fixes']);
    const fixes = within(changes).getByRole('region', { name: 'Bug Fixes' });
    expect(fixes).toHaveTextContent('empty query (#5) 9a8b7c6');
    expect(
      within(fixes).getByRole('link', { name: '9a8b7c6' }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/shop/commit/9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
    );

    const past = screen.getByRole('region', { name: 'Past releases' });
    expect(
      within(past)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['v0.3.0 shop 0.3.0 2026-02-20', 'v0.2.0 2026-01-10']);
    expect(within(past).getByRole('link', { name: 'v0.3.0' })).toHaveAttribute(
      'href',
      'https://github.com/acme/shop/releases/tag/v0.3.0',
    );
  });

  it('is a card of components only', async () => {
    const api = mockPlatformApi();
    renderCard(api, { ...component, kind: 'API' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(api.getReleases).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    const api = mockPlatformApi();
    api.getReleases.mockRejectedValue(
      new Error('The folder of component:default/shop is not a git repository'),
    );
    renderCard(api);
    expect(
      (
        await screen.findAllByText(
          /The folder of component:default\/shop is not a git repository/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByLabelText('Next version')).toBeNull();
  });

  it('says why a component has nothing to release from when the backend finds no history', async () => {
    const api = mockPlatformApi();
    const notFound = Object.assign(
      new Error(
        'component:default/shop is the folder docs of a repository, and no workspace package of it',
      ),
      { body: { error: { name: 'NotFoundError' } } },
    );
    api.getReleases.mockRejectedValue(notFound);
    renderCard(api);
    expect(
      await screen.findByText(
        'component:default/shop is the folder docs of a repository, and no workspace package of it',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('serves legacy apps too: a first release of a local component, with what GitHub could not answer', async () => {
    const api = mockPlatformApi();
    api.getReleases.mockResolvedValue(firstRelease);
    await renderInTestApp(
      <TestApiProvider apis={[[platformApiRef, api]]}>
        <EntityProvider
          entity={{
            ...component,
            metadata: { name: 'catalyst', namespace: 'default' },
          }}
        >
          <LegacyEntityReleasesCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByLabelText('Next version')).toHaveTextContent(
      '1.0.0',
    );
    expect(screen.getByText('First release')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'GitHub did not answer for acme/shop: rate limited',
    );
    expect(
      screen.getByText(
        'No open release pull request (the repository is not on GitHub)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No releases yet')).toBeInTheDocument();
    // A local repository has no web host to link commits to.
    expect(screen.getByText('9a8b7c6')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '9a8b7c6' })).toBeNull();
  });
});

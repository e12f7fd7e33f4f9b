import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  compliantReport,
  driftedReport,
} from '../../../__fixtures__/conventions';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import { PlatformApi, platformApiRef } from '../../../api';
import { entityConventionsContent } from '../../../plugin';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

function renderTab(api: PlatformApi, entity: Entity = component) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), entityConventionsContent],
    apis: [
      [platformApiRef, api],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

function conventionsApi(): jest.Mocked<PlatformApi> {
  const api = mockPlatformApi();
  api.getConventions.mockResolvedValue(driftedReport);
  return api;
}

const itemRow = (name: string) =>
  screen.getByRole('cell', { name }).closest('tr')!;

// The table and code renderers are slow in jsdom on a loaded machine.
jest.setTimeout(60_000);

describe('EntityConventionsContent', () => {
  it('is the "Conventions" tab of components only', async () => {
    const tab = createExtensionTester(entityConventionsContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('conventions');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Conventions');

    renderTab(conventionsApi(), { ...component, kind: 'API' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('shows the pack and why, the summary, warnings, every item and the open pull request', async () => {
    const api = conventionsApi();
    renderTab(api);

    expect(
      await screen.findByText('Pack: Node.js service'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'node-service — chosen because: package.json with a start script',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Drifted')).toBeInTheDocument();
    const summary = screen.getByLabelText('Summary');
    for (const chip of [
      '1 missing',
      '1 drift',
      '1 overridden',
      '1 unchecked',
      '2 pass',
    ]) {
      expect(within(summary).getByText(chip)).toBeInTheDocument();
    }
    expect(
      screen.getByRole('list', { name: 'catalyst.yaml warnings' }),
    ).toHaveTextContent(
      'conventions.rules.eslint overrides a required rulecatalyst.yaml:4',
    );
    expect(
      screen.getByRole('link', { name: 'Pull request #9' }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/pull/9');

    expect(itemRow('.editorconfig')).toHaveTextContent(
      '.editorconfigfilerequireddriftindent_size is 4, the pack says 2',
    );
    expect(itemRow('CODEOWNERS')).toHaveTextContent('missing');
    expect(itemRow('eslint')).toHaveTextContent(
      'rule (lint)optionaloverridden',
    );
    expect(itemRow('branch-naming')).toHaveTextContent('unchecked');
    expect(itemRow('README.md')).toHaveTextContent('pass');
    expect(api.getConventions).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });
  });

  it('expands an item to its evidence and diff', async () => {
    renderTab(conventionsApi());
    await screen.findByText('Pack: Node.js service');

    await userEvent.click(
      within(itemRow('.editorconfig')).getByRole('button', {
        name: 'Detail panel visiblity toggle',
      }),
    );

    const evidence = await screen.findByRole('region', {
      name: 'Evidence for .editorconfig',
    });
    expect(evidence).toHaveTextContent('indent_size is 4, the pack says 2');
    await waitFor(
      () => expect(evidence).toHaveTextContent('+indent_size = 2'),
      { timeout: 5000 },
    );
  });

  it('opens the fix pull request, links to it and reloads the report', async () => {
    const api = conventionsApi();
    api.getConventions.mockResolvedValueOnce({
      ...driftedReport,
      pullRequest: undefined,
    });
    api.fixConventions.mockResolvedValue({
      entityRef: 'component:default/payments-api',
      status: 'opened',
      branch: 'catalyst/conventions',
      files: ['.editorconfig', 'CODEOWNERS'],
      pullRequest: {
        ...driftedReport.pullRequest!,
        number: 11,
        url: 'https://github.com/acme/payments-api/pull/11',
      },
    });
    renderTab(api);
    await screen.findByText('Pack: Node.js service');
    expect(
      screen.queryByRole('link', { name: /Pull request/ }),
    ).not.toBeInTheDocument();

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Open fix PR' })).toBeEnabled(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open fix PR' }));

    expect(
      await screen.findByRole('link', { name: 'Pull request #11' }),
    ).toHaveAttribute('href', 'https://github.com/acme/payments-api/pull/11');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Pull request opened on catalyst/conventions (2 files)',
    );
    expect(api.fixConventions).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });
    await waitFor(() => expect(api.getConventions).toHaveBeenCalledTimes(2));
  });

  it('says when the repository is already up to date', async () => {
    const api = conventionsApi();
    api.getConventions.mockResolvedValue(compliantReport);
    api.fixConventions.mockResolvedValue({
      entityRef: compliantReport.entityRef,
      status: 'up-to-date',
      branch: 'catalyst/conventions',
      files: [],
    });
    renderTab(api);
    expect(await screen.findByText('Compliant')).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'catalyst.yaml warnings' }),
    ).not.toBeInTheDocument();

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Open fix PR' })).toBeEnabled(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open fix PR' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Already up to date',
    );
  });

  it('shows why a fix failed', async () => {
    const api = conventionsApi();
    api.fixConventions.mockRejectedValue(
      new Error('GitHub rate limit reached'),
    );
    renderTab(api);
    await screen.findByText('Pack: Node.js service');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Open fix PR' })).toBeEnabled(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open fix PR' }));

    expect(
      await screen.findByText('The fix failed: GitHub rate limit reached'),
    ).toHaveAttribute('role', 'alert');
  });

  it('shows the backend error', async () => {
    const api = conventionsApi();
    api.getConventions.mockRejectedValue(
      new Error('No source location for payments-api'),
    );
    renderTab(api);

    expect(
      (
        await screen.findAllByText('Error: No source location for payments-api')
      )[0],
    ).toBeInTheDocument();
  });
});

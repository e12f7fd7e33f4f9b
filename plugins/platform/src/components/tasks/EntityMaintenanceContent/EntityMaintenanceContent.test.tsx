import { Entity } from '@backstage/catalog-model';
import { coreApis, coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockPlatformApi } from '../../../__fixtures__/platformApi';
import { awaitingTask, awaitingTaskDetails } from '../../../__fixtures__/tasks';
import { PlatformApi, platformApiRef } from '../../../api';
import { entityMaintenanceContent } from '../../../plugin';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

function renderTab(api: PlatformApi, entity: Entity = component) {
  return renderTestApp({
    extensions: [createTestEntityPage({ entity }), entityMaintenanceContent],
    apis: [
      [platformApiRef, api],
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  });
}

jest.setTimeout(20_000);

describe('EntityMaintenanceContent', () => {
  it('is the "Maintenance" tab of components only', async () => {
    const tab = createExtensionTester(entityMaintenanceContent);
    expect(tab.get(coreExtensionData.routePath)).toBe('platform-tasks');
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Maintenance');

    renderTab(mockPlatformApi(), { ...component, kind: 'API' });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
  });

  it('lists the platform tasks of the component, without a component filter', async () => {
    const api = mockPlatformApi();
    api.listTasks.mockResolvedValue({
      items: [awaitingTask],
      totalCount: 1,
      offset: 0,
      limit: 20,
    });
    api.listTaskBreakers.mockResolvedValue({ items: [] });
    renderTab(api);

    expect(
      await screen.findByRole('link', { name: awaitingTask.title }),
    ).toBeInTheDocument();
    expect(api.listTasks).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      offset: 0,
      limit: 20,
    });
    const filters = screen.getByRole('search', { name: 'Task filters' });
    expect(
      within(filters).queryByRole('textbox', { name: 'Component' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('columnheader', { name: 'Component' }),
    ).not.toBeInTheDocument();
  });

  it('warns only about the breakers of the component’s repositories', async () => {
    const api = mockPlatformApi();
    api.listTasks.mockResolvedValue({
      items: [awaitingTask],
      totalCount: 1,
      offset: 0,
      limit: 20,
    });
    const breaker = (key: string) => ({
      key,
      state: 'open' as const,
      consecutiveFailures: 5,
      openUntil: '2026-02-02T11:00:00.000Z',
      updatedAt: '2026-02-02T10:45:00.000Z',
    });
    api.listTaskBreakers.mockResolvedValue({
      items: [
        breaker('repo:acme/payments-api:convention_fix'),
        breaker('repo:acme/billing:lint_autofix'),
        breaker('repo:acme/payments-api-docs:lint_autofix'),
      ],
    });
    renderTab(api, {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: { 'github.com/project-slug': 'acme/billing' },
      },
    });

    const banner = await screen.findByRole('list', {
      name: 'Open circuit breakers',
    });
    // acme/billing from the annotation, acme/payments-api from the task.
    expect(within(banner).getAllByRole('listitem')).toHaveLength(2);
    expect(banner).toHaveTextContent('repo:acme/payments-api:convention_fix');
    expect(banner).toHaveTextContent('repo:acme/billing:lint_autofix');
    expect(banner).not.toHaveTextContent('payments-api-docs');
  });

  it('opens a task in place, below the entity page', async () => {
    const api = mockPlatformApi();
    api.listTasks.mockResolvedValue({
      items: [awaitingTask],
      totalCount: 1,
      offset: 0,
      limit: 20,
    });
    api.listTaskBreakers.mockResolvedValue({ items: [] });
    api.getTask.mockResolvedValue(awaitingTaskDetails);
    const { apis } = renderTab(api);

    await userEvent.click(
      await screen.findByRole('link', { name: awaitingTask.title }),
    );

    const details = await screen.findByRole('region', { name: 'Task 42' });
    expect(
      await within(details).findByText(
        'Adds the missing CODEOWNERS and fixes .editorconfig.',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('button', { name: 'Approve' }),
    ).toBeInTheDocument();
    expect(apis.get(coreApis.appHistory)!.getSnapshot().location.search).toBe(
      '?task=42',
    );
  });
});

import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { mockObservabilityApi } from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { InstanceHealthCard } from './InstanceHealthCard';

function renderCard(api: ObservabilityApi) {
  return renderInTestApp(<InstanceHealthCard />, {
    apis: [[observabilityApiRef, api]],
  });
}

describe('InstanceHealthCard', () => {
  it('lists the configured instances and says how to get the missing log store', async () => {
    await renderCard(mockObservabilityApi());

    const list = await screen.findByRole('list', { name: 'Instances' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      expect.stringContaining('prometheus main up (3.5.0)'),
      expect.stringContaining('alertmanager main down'),
    ]);
    expect(screen.getByText('No log store is configured')).toBeInTheDocument();
    expect(screen.queryByText('No Prometheus is configured')).toBeNull();
    // The config to add, in a code snippet that renders once its highlighter loads.
    await waitFor(() =>
      expect(document.body).toHaveTextContent('type: victorialogs'),
    );
  });

  it('names every kind when nothing is configured', async () => {
    const api = mockObservabilityApi();
    api.getInstancesHealth.mockResolvedValue({ items: [] });
    await renderCard(api);

    expect(
      await screen.findByText('No Prometheus is configured'),
    ).toBeInTheDocument();
    expect(screen.getByText('No log store is configured')).toBeInTheDocument();
    expect(
      screen.getByText('No Alertmanager is configured'),
    ).toBeInTheDocument();
  });
});

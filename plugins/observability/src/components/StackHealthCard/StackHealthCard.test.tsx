import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import {
  backendError,
  mockObservabilityApi,
} from '../../__fixtures__/mockObservabilityApi';
import { ObservabilityApi, observabilityApiRef } from '../../api';
import { StackHealthCard } from './StackHealthCard';

function renderCard(api: ObservabilityApi) {
  return renderInTestApp(<StackHealthCard />, {
    apis: [[observabilityApiRef, api]],
  });
}

jest.setTimeout(20_000);

describe('StackHealthCard', () => {
  it('lists each stack with its health chip, conditions and releases', async () => {
    await renderCard(mockObservabilityApi());

    const table = await screen.findByRole('table', {
      name: 'Observability stacks',
    });
    const [main, eu] = within(table).getAllByRole('row').slice(1);
    expect(within(main).getAllByRole('cell')[0]).toHaveTextContent('prod');
    expect(within(main).getAllByRole('cell')[1]).toHaveTextContent(
      'observability/main',
    );
    expect(within(main).getByText('healthy')).toBeInTheDocument();
    expect(main).toHaveTextContent(
      'Ready=True (ReleasesDeployed): all releases are deployed',
    );
    expect(main).toHaveTextContent(
      'prometheus: kube-prometheus-stack kube-prometheus-stack 69.3.1 (rev 5) deployed',
    );

    expect(within(eu).getByText('degraded')).toBeInTheDocument();
    expect(eu).toHaveTextContent('generation 2 not yet observed');
    expect(eu).toHaveTextContent(
      'Ready=False (ReleaseFailed): helm upgrade of loki failed',
    );
    expect(eu).toHaveTextContent('loki: loki loki 6.29.0 (rev 3) failed');
  });

  it('says so when there are no stacks', async () => {
    const api = mockObservabilityApi();
    api.getStacks.mockResolvedValue({ items: [] });
    await renderCard(api);

    expect(
      await screen.findByText('No ObservabilityStack resources found'),
    ).toBeInTheDocument();
  });

  it('shows why the stacks cannot be listed', async () => {
    const api = mockObservabilityApi();
    api.getStacks.mockRejectedValue(
      backendError(503, 'Kubernetes API is unreachable'),
    );
    await renderCard(api);

    expect(
      await screen.findByText('Kubernetes API is unreachable'),
    ).toBeInTheDocument();
  });
});

import { readUrlFilters, writeUrlFilters } from '../../shared/useUrlFilters';
import { taskQueueFilters, toTaskListQuery } from './taskQueueQuery';

describe('task queue URL parameters', () => {
  it('reads defaults from an empty URL', () => {
    expect(readUrlFilters(taskQueueFilters, new URLSearchParams())).toEqual({
      status: [],
      type: '',
      repository: '',
      entity: '',
      page: 0,
      pageSize: 20,
    });
  });

  it('reads filters and drops statuses and page sizes it does not know', () => {
    expect(
      readUrlFilters(
        taskQueueFilters,
        new URLSearchParams(
          'status=failed,bogus,pending&type=convention_fix&repository=acme/x&entity=payments-api&page=2&pageSize=33',
        ),
      ),
    ).toEqual({
      status: ['failed', 'pending'],
      type: 'convention_fix',
      repository: 'acme/x',
      entity: 'payments-api',
      page: 2,
      pageSize: 20,
    });
  });

  it('writes filters back, keeping other parameters and leaving defaults out', () => {
    const next = writeUrlFilters(
      taskQueueFilters,
      {
        status: ['failed', 'cancelled'],
        type: ' dependency_update ',
        repository: '',
        entity: '',
        page: 0,
        pageSize: 50,
      },
      new URLSearchParams('task=42&repository=acme/old&page=3'),
    );
    expect(next.toString()).toBe(
      'task=42&status=failed%2Ccancelled&type=dependency_update&pageSize=50',
    );
  });

  it('turns the filters into a backend query with offset and limit', () => {
    const params = readUrlFilters(
      taskQueueFilters,
      new URLSearchParams('status=failed&entity=payments-api&page=2'),
    );
    expect(toTaskListQuery(params)).toEqual({
      status: ['failed'],
      entityRef: 'component:default/payments-api',
      offset: 40,
      limit: 20,
    });
    expect(
      toTaskListQuery(params, 'component:default/ledger-worker'),
    ).toMatchObject({ entityRef: 'component:default/ledger-worker' });
  });
});

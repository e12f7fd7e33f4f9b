import { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import {
  entityRef,
  rangeQueryResponse,
} from '../../__fixtures__/observability';
import { mockObservabilityApi } from '../../__fixtures__/mockObservabilityApi';
import { scopedPrometheusClient } from './scopedPrometheusClient';

async function complete(
  extension: PromQLExtension,
  doc: string,
): Promise<string[]> {
  const state = EditorState.create({
    doc,
    extensions: extension.asExtension(),
  });
  const result = (await extension
    .getComplete()
    .promQL(
      new CompletionContext(state, doc.length, true),
    )) as CompletionResult | null;
  return (result?.options ?? []).map(option => option.label);
}

describe('scopedPrometheusClient', () => {
  it("completes label names from the entity's scoped labels route", async () => {
    const api = mockObservabilityApi();
    const extension = new PromQLExtension().setComplete({
      remote: scopedPrometheusClient(api, entityRef),
    });

    const labels = await complete(extension, 'sum by (');

    expect(labels).toEqual(
      expect.arrayContaining(['code', 'namespace', 'pod']),
    );
    expect(labels).not.toContain('__name__');
    expect(api.getLabelNames).toHaveBeenCalledWith({ entityRef });
  });

  it('completes metric names through a scoped instant query', async () => {
    const api = mockObservabilityApi();
    api.query.mockResolvedValue({
      ...rangeQueryResponse,
      resultType: 'vector',
      series: [
        {
          labels: { __name__: 'http_request_duration_seconds_count' },
          timestamps: [1],
          values: [3],
        },
        {
          labels: { __name__: 'http_requests_in_flight' },
          timestamps: [1],
          values: [1],
        },
      ],
    });
    const extension = new PromQLExtension().setComplete({
      remote: scopedPrometheusClient(api, entityRef),
    });

    const names = await complete(extension, 'http_req');

    expect(names).toEqual(
      expect.arrayContaining([
        'http_request_duration_seconds_count',
        'http_requests_in_flight',
      ]),
    );
    expect(api.query).toHaveBeenCalledWith({
      entityRef,
      query: 'count by (__name__) ({__name__=~".+"})',
    });
  });

  it('completes label values of a metric', async () => {
    const api = mockObservabilityApi();
    const client = scopedPrometheusClient(api, entityRef);

    const values = await client.labelValues(
      'code',
      'http_request_duration_seconds_count',
    );

    expect(values).toEqual(['200', '500']);
    expect(api.query).toHaveBeenCalledWith({
      entityRef,
      query: 'count by (code) (http_request_duration_seconds_count)',
    });
  });
});

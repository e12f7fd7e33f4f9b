import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { observabilityRouteRef } from '../../routes';
import { MetricExplorerPage, StackHealthView } from '../ObservabilityPage';

/**
 * `/observability` in apps on the legacy frontend system: a page with the
 * stack health and metric explorer tabs, which the new system builds from
 * its page and sub-page extensions.
 */
export function LegacyObservabilityPage() {
  const root = useRouteRef(observabilityRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Observability"
        subtitle="Stack health and the metric explorer"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/stacks" title="Stack health">
          <StackHealthView explorerHref={`${root()}/explore`} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/explore" title="Metric explorer">
          <MetricExplorerPage />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}

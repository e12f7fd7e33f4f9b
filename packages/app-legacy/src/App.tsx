import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import {
  AlertDisplay,
  OAuthRequestDialog,
  SignInPage,
} from '@backstage/core-components';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  catalogPlugin,
} from '@backstage/plugin-catalog';
import { ObservabilityPage } from '@catalyst/plugin-observability';
import {
  ConventionsPage,
  PlatformTasksPage,
  SpecsPage,
} from '@catalyst/plugin-platform';
import { Navigate, Route } from 'react-router-dom';
import { apis } from './apis';
import { entityPage } from './components/EntityPage';
import { Root } from './components/Root';

const app = createApp({
  apis,
  // The catalog plugin is listed for its APIs; Catalyst's plugins come in
  // with the extensions mounted below.
  plugins: [catalogPlugin],
  components: {
    SignInPage: props => <SignInPage {...props} auto providers={['guest']} />,
  },
});

const routes = (
  <FlatRoutes>
    <Route path="/" element={<Navigate to="catalog" />} />
    <Route path="/catalog" element={<CatalogIndexPage />} />
    <Route
      path="/catalog/:namespace/:kind/:name"
      element={<CatalogEntityPage />}
    >
      {entityPage}
    </Route>
    <Route path="/specs" element={<SpecsPage />} />
    <Route path="/platform-tasks" element={<PlatformTasksPage />} />
    <Route path="/conventions" element={<ConventionsPage />} />
    <Route path="/observability" element={<ObservabilityPage />} />
  </FlatRoutes>
);

export default app.createRoot(
  <>
    <AlertDisplay />
    <OAuthRequestDialog />
    <AppRouter>
      <Root>{routes}</Root>
    </AppRouter>
  </>,
);

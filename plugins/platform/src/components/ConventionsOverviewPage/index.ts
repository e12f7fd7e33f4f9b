export { ConventionsOverviewPage } from './ConventionsOverviewPage';

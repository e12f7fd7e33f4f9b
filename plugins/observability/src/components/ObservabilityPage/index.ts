export { StackHealthPage } from './StackHealthPage';
export { MetricExplorerPage } from './MetricExplorerPage';

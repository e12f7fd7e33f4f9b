export { StackHealthPage, StackHealthView } from './StackHealthPage';
export { MetricExplorerPage } from './MetricExplorerPage';

export { MetricExplorer } from './MetricExplorer';

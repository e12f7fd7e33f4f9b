export { PromQLEditor } from './PromQLEditor';
export { scopedPrometheusClient } from './scopedPrometheusClient';

export { EntityLogsContent } from './EntityLogsContent';

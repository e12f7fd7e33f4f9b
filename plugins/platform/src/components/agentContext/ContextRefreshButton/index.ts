export { ContextRefreshButton } from './ContextRefreshButton';

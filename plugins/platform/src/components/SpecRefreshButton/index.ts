export { SpecRefreshButton } from './SpecRefreshButton';

export { SpecDetailView } from './SpecDetailView';

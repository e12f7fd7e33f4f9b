export { SpecCompletion } from './SpecCompletion';

export { FilterTextField } from './FilterTextField';

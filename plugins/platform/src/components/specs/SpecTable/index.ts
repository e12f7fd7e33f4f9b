export { specColumns } from './specColumns';
export type { SpecOrderBy } from './specColumns';

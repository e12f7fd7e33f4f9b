export { ScopedQueries } from './ScopedQueries';

export { ServerPagination } from './ServerPagination';

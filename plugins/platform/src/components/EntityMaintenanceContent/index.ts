export { EntityMaintenanceContent } from './EntityMaintenanceContent';

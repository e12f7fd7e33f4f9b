export { GoldenSignalDashboard } from './GoldenSignalDashboard';

export { AlertRules } from './AlertRules';

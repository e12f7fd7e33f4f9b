export {
  CONVENTION_STATUSES,
  ConventionStatus,
  ConventionSummaryChips,
} from './ConventionStatus';

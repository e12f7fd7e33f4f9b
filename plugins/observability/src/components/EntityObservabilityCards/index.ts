export {
  EntityAlertsCard,
  EntityGoldenSignalsCard,
} from './EntityObservabilityCards';

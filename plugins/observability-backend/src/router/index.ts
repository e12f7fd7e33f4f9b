export { createAlertsRouter } from './alertsRouter';
export { createHealthRouter } from './healthRouter';
export { createLogsRouter } from './logsRouter';
export { createQueryRouter } from './queryRouter';
export { createRulesRouter } from './rulesRouter';
export { createWebhookRouter } from './webhookRouter';

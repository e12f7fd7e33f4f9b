export { createSpecsRouter } from './specsRouter';
export { createWebhookRouter } from './webhookRouter';

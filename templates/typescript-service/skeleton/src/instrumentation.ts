import { startTelemetry } from './telemetry.js';

/** Tracing, started on import: main.ts imports this module before the server and Fastify. */
export const telemetry = startTelemetry(process.env);

import { telemetry } from './instrumentation.js';
import { createServer } from './server.js';

/** The port to listen on: $PORT, 8080 by default. */
export function listenPort(env: NodeJS.ProcessEnv): number {
  return Number(env.PORT || 8080);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = createServer();
  const close = () => {
    app
      .close()
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        error => {
          app.log.error(error, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
  await app.listen({
    host: process.env.HOST ?? '0.0.0.0',
    port: listenPort(process.env),
  });
}

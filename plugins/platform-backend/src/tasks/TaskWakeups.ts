import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The channel the platform_tasks triggers notify (see the migrations). */
export const TASK_WAKEUP_CHANNEL = 'platform_tasks';

/** The part of a `pg` client a listener uses. */
interface ListeningConnection {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'end', listener: () => void): void;
}

/**
 * Listens on PostgreSQL for tasks becoming runnable and calls `onWake`, so
 * that workers on every replica claim a new task at once rather than at
 * their next poll. A lost connection is opened again after `retryMs`; the
 * workers' polling covers the gap. On SQLite there is nothing to listen to
 * and {@link TaskWakeups.listen} returns undefined.
 */
export class TaskWakeups {
  private connection?: ListeningConnection;
  private retry?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly db: Knex,
    private readonly onWake: () => void,
    private readonly logger: LoggerService,
    private readonly retryMs: number,
  ) {}

  static async listen(
    db: Knex,
    onWake: () => void,
    options: { logger: LoggerService; retryMs?: number },
  ): Promise<TaskWakeups | undefined> {
    if (db.client.config.client !== 'pg') return undefined;
    const wakeups = new TaskWakeups(
      db,
      onWake,
      options.logger,
      options.retryMs ?? 5000,
    );
    await wakeups.connect();
    return wakeups;
  }

  private async connect(): Promise<void> {
    const connection: ListeningConnection =
      await this.db.client.acquireRawConnection();
    let lost = false;
    const onLost = (reason: string) => {
      if (lost || this.closed) return;
      lost = true;
      this.connection = undefined;
      this.logger.warn(
        `Lost the platform task wake-up connection (${reason}); workers poll until it is back`,
      );
      this.release(connection);
      this.reconnectLater();
    };
    connection.on('notification', () => this.onWake());
    connection.on('error', error => onLost(error.message));
    connection.on('end', () => onLost('connection ended'));
    try {
      await connection.query(`LISTEN ${TASK_WAKEUP_CHANNEL}`);
    } catch (error) {
      lost = true;
      this.release(connection);
      throw error;
    }
    if (this.closed) {
      this.release(connection);
      return;
    }
    this.connection = connection;
    // Tasks that became runnable while nobody listened are claimed now.
    this.onWake();
  }

  private reconnectLater(): void {
    this.retry = setTimeout(() => {
      this.connect().catch(error => {
        this.logger.warn(
          `Could not listen for platform task wake-ups: ${error}; trying again in ${this.retryMs} ms`,
        );
        if (!this.closed) this.reconnectLater();
      });
    }, this.retryMs);
  }

  private release(connection: ListeningConnection): void {
    this.db.client
      .destroyRawConnection(connection)
      .catch((error: Error) =>
        this.logger.debug(`Closing a wake-up connection failed: ${error}`),
      );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await this.db.client.destroyRawConnection(connection);
  }
}

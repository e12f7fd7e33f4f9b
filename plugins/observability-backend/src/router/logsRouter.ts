import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseInput } from '@catalyst/backend-common';
import { LOG_LEVELS, LogLevel } from '@catalyst/plugin-observability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ObservabilityConfig } from '../config';
import { ObservedEntities } from '../entities/ObservedEntities';
import { ScopedLogService } from '../logStore/ScopedLogService';
import { boundRange, readTime } from '../queries/QueryLimits';
import { ENTITY_PATH } from './entityPath';
import { readableEntity } from './readableEntity';

const HOUR_MS = 3600_000;
const MAX_TAIL_SECONDS = 300;
const LEVELS = new RegExp(
  `^(${LOG_LEVELS.join('|')})(,(${LOG_LEVELS.join('|')}))*$`,
);

// Only these keys are read: anything else in the query string, such as
// extra_stream_filters, is dropped and never reaches the store.
const filterSchema = z.object({
  query: z.string().max(10_000).optional(),
  level: z
    .string()
    .regex(LEVELS, `comma-separated levels: ${LOG_LEVELS.join(', ')}`)
    .optional(),
});
const windowSchema = filterSchema.extend({
  start: z.string().optional(),
  end: z.string().optional(),
});
const linesSchema = windowSchema.extend({
  limit: z.coerce.number().int().min(1).optional(),
  direction: z.enum(['forward', 'backward']).optional(),
});
const valuesSchema = windowSchema.extend({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const fieldSchema = z.string().min(1).max(256);
const tailSchema = filterSchema.extend({
  seconds: z.coerce.number().int().min(1).max(MAX_TAIL_SECONDS).optional(),
});

/**
 * An entity's logs, each route checked against `observability.query.read` and scoped on
 * the store's side: lines, volume per level, field names and values for completion, and
 * a live tail streamed as newline-delimited JSON (`{"lines": [...]}` per batch) for at
 * most five minutes.
 */
export function createLogsRouter(options: {
  httpAuth: HttpAuthService;
  entities: ObservedEntities;
  logs: ScopedLogService;
  config: ObservabilityConfig;
}): express.Router {
  const { httpAuth, entities, logs, config } = options;
  const router = Router();

  async function request(
    req: express.Request<{ kind: string; namespace: string; name: string }>,
    input: z.infer<typeof windowSchema>,
  ) {
    const target = await readableEntity(req, httpAuth, entities);
    const end = readTime(input.end, 'end', Date.now());
    const start = readTime(input.start, 'start', end - HOUR_MS);
    boundRange({ start, end }, config.limits);
    return {
      entity: target.entity,
      matchers: target.matchers,
      query: input.query,
      levels: input.level?.split(',') as LogLevel[] | undefined,
      start,
      end,
    };
  }

  router.get(`${ENTITY_PATH}/logs`, async (req, res) => {
    const input = parseInput(linesSchema, req.query, 'query');
    const body = JSON.stringify(
      await logs.lines({
        ...(await request(req, input)),
        limit: input.limit,
        direction: input.direction,
      }),
    );
    // Lines of a moving window are never served from a cache, so no ETag is hashed (as
    // res.json would) for a body no client can revalidate.
    res
      .status(200)
      .set({
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'cache-control': 'no-store',
      })
      .end(body);
  });

  router.get(`${ENTITY_PATH}/logs/volume`, async (req, res) => {
    const input = parseInput(windowSchema, req.query, 'query');
    res.json(await logs.volume(await request(req, input)));
  });

  router.get(`${ENTITY_PATH}/logs/fields`, async (req, res) => {
    const input = parseInput(windowSchema, req.query, 'query');
    res.json(await logs.fieldNames(await request(req, input)));
  });

  router.get(`${ENTITY_PATH}/logs/fields/:field/values`, async (req, res) => {
    const input = parseInput(valuesSchema, req.query, 'query');
    const field = parseInput(fieldSchema, req.params.field, 'field');
    res.json(
      await logs.fieldValues({
        ...(await request(req, input)),
        field,
        limit: input.limit,
      }),
    );
  });

  router.get(`${ENTITY_PATH}/logs/tail`, async (req, res) => {
    const input = parseInput(tailSchema, req.query, 'query');
    const target = await readableEntity(req, httpAuth, entities);
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), (input.seconds ?? 60) * 1000);
    res.on('close', () => stop.abort());
    try {
      // Opening the tail fails before anything is written: a store that is down is a 503.
      const tail = await logs.tail({
        entity: target.entity,
        matchers: target.matchers,
        query: input.query,
        levels: input.level?.split(',') as LogLevel[] | undefined,
        signal: stop.signal,
      });
      res.status(200).type('application/x-ndjson');
      res.flushHeaders();
      try {
        for await (const lines of tail.lines) {
          res.write(`${JSON.stringify({ lines })}\n`);
        }
      } catch (error) {
        // The status is already sent: the failure goes into the stream.
        res.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
      }
      res.end();
    } finally {
      clearTimeout(timer);
      stop.abort();
    }
  });

  return router;
}

import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ObservabilityConfig } from '../config';
import { ObservedEntities } from '../entities/ObservedEntities';
import { GoldenSignalsService } from '../goldenSignals/GoldenSignalsService';
import { boundRange, readTime } from '../queries/QueryLimits';
import { ScopedQueryService } from '../queries/ScopedQueryService';
import { parseInput } from '@catalyst/backend-common';
import { ENTITY_PATH } from './entityPath';
import { readableEntity } from './readableEntity';

const HOUR_MS = 3600_000;
const text = z.string().max(10_000);

const instantSchema = z.object({
  query: text.min(1),
  time: z.string().optional(),
});
const rangeSchema = z.object({
  query: text.min(1),
  start: z.string(),
  end: z.string(),
  step: z.string().optional(),
});
const windowSchema = z.object({
  start: z.string().optional(),
  end: z.string().optional(),
  step: z.string().optional(),
});
const signalsSchema = windowSchema.extend({
  signals: z
    .string()
    .regex(
      /^(latency|traffic|errors|saturation)(,(latency|traffic|errors|saturation))*$/,
      'comma-separated latency, traffic, errors, saturation',
    )
    .optional(),
});
/**
 * Reads of one entity's telemetry, each checked against `observability.query.read` for the
 * entity: its scope, golden signals, PromQL instant and range queries and label names.
 * Every query is scoped to the entity before it is sent.
 */
export function createQueryRouter(options: {
  httpAuth: HttpAuthService;
  entities: ObservedEntities;
  queries: ScopedQueryService;
  goldenSignals: GoldenSignalsService;
  config: ObservabilityConfig;
}): express.Router {
  const { httpAuth, entities, queries, goldenSignals, config } = options;
  const router = Router();

  const observed = (
    req: express.Request<{ kind: string; namespace: string; name: string }>,
  ) => readableEntity(req, httpAuth, entities);

  router.get(`${ENTITY_PATH}/scope`, async (req, res) => {
    res.json((await observed(req)).scope);
  });

  router.get(`${ENTITY_PATH}/golden-signals`, async (req, res) => {
    const input = parseInput(signalsSchema, req.query, 'query');
    const target = await observed(req);
    const end = readTime(input.end, 'end', Date.now());
    const start = readTime(input.start, 'start', end - HOUR_MS);
    const range = boundRange({ start, end, step: input.step }, config.limits);
    const signals = input.signals?.split(',') as Parameters<
      GoldenSignalsService['read']
    >[3];
    res.json(
      await goldenSignals.read(target.entity, target.matchers, range, signals),
    );
  });

  router.get(`${ENTITY_PATH}/query`, async (req, res) => {
    const input = parseInput(instantSchema, req.query, 'query');
    const target = await observed(req);
    const time =
      input.time === undefined ? undefined : readTime(input.time, 'time');
    res.json(
      await queries.instant(target.entity, target.matchers, {
        query: input.query,
        time,
      }),
    );
  });

  router.get(`${ENTITY_PATH}/query_range`, async (req, res) => {
    const input = parseInput(rangeSchema, req.query, 'query');
    const target = await observed(req);
    const range = boundRange(
      {
        start: readTime(input.start, 'start'),
        end: readTime(input.end, 'end'),
        step: input.step,
      },
      config.limits,
    );
    res.json(
      await queries.range(target.entity, target.matchers, {
        query: input.query,
        range,
      }),
    );
  });

  router.get(`${ENTITY_PATH}/labels`, async (req, res) => {
    const input = parseInput(windowSchema, req.query, 'query');
    const target = await observed(req);
    const end = readTime(input.end, 'end', Date.now());
    const start = readTime(input.start, 'start', end - HOUR_MS);
    boundRange({ start, end }, config.limits);
    res.json(
      await queries.labelNames(target.entity, target.matchers, { start, end }),
    );
  });

  return router;
}

/**
 * POST /incidents/{id}/timeline/reconstruct: `pfa timeline ID [--save]` over HTTP. The incident's
 * attached evidence is read (nothing else on the server), and with `save` the events join its curated
 * timeline, under If-Match when one is sent.
 */
import { z } from 'zod';
import { incidentIdSchema } from '../../incidents/schema/index.js';
import { contextOf, noBodyAsEmpty, etagFor, problemResponses, versionFrom, type RoutePlugin } from '../../server/kit.js';
import { InputError } from '../../shared/errors.js';
import { reconstructRequestSchema, reconstructResultSchema } from './schema.js';
import { reconstructTimeline, timelineJson } from './service.js';

const idParams = z.object({ id: incidentIdSchema });

export const timelineRoutes: RoutePlugin = (app, { deps }, done) => {
  app.post(
    '/incidents/:id/timeline/reconstruct',
    {
      preValidation: noBodyAsEmpty,
      schema: {
        tags: ['timeline'],
        summary: "Reconstruct the incident's timeline from its attached evidence (optionally saving it)",
        description:
          "As `pfa timeline ID --json`: the window defaults to the incident's start and end (or now) widened by `before` and `after` (15m each). " +
          'Every field is optional; an empty body (or none) takes the defaults. With `save: true` the events are merged into the curated timeline ' +
          '(saving twice adds nothing), based on the version in If-Match or `version` when given (409 version_conflict when stale); the new ETag is returned.',
        params: idParams,
        body: reconstructRequestSchema,
        response: { 200: reconstructResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const { start, end, before, after, min_level, tz, year, date, boot_time, offsets, baseline, threshold, method, templates, save, version: bodyVersion } = req.body;
      const version = versionFrom(req.headers['if-match'], bodyVersion);
      if (version !== undefined && !save) throw new InputError('a version (If-Match) goes with save: true; a reconstruction alone changes nothing');
      const warnings: string[] = [];
      const r = await reconstructTimeline(
        {
          incidentId: req.params.id,
          ...(start ? { start } : {}),
          ...(end ? { end } : {}),
          before,
          after,
          minLevel: min_level,
          ...(tz ? { tz } : {}),
          ...(year ? { year } : {}),
          ...(date ? { date } : {}),
          ...(boot_time ? { bootTime: boot_time } : {}),
          offsets: Object.entries(offsets ?? {}).map(([host, d]) => `${host}=${d}`),
          baseline,
          threshold,
          method,
          templates,
          save,
          ...(version !== undefined ? { version } : {}),
        },
        { deps: () => Promise.resolve(deps), ctx: contextOf(req), warn: (m) => warnings.push(m) },
      );
      if (r.saved) void reply.header('etag', etagFor(r.saved.incident.version));
      try {
        return {
          ...timelineJson(r.timeline),
          ...(warnings.length ? { warnings } : {}),
          ...(r.saved ? { saved: { result: r.saved.result, version: r.saved.incident.version } } : {}),
        };
      } finally {
        r.timeline.close();
      }
    },
  );
  done();
};

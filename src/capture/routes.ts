/**
 * HTTP routes of host captures: snapshot the server's own host as evidence (`pfa capture`), list the
 * stored snapshots, and compare two (`pfa capture diff`).
 */
import { z } from 'zod';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { contextOf, noBodyAsEmpty, problemResponses, type RoutePlugin } from '../server/kit.js';
import { parseDuration } from '../shared/time.js';
import { captureRequestSchema, captureResultSchema, snapshotDiffSchema, snapshotListSchema } from './schema.js';
import { captureHost, diffStoredSnapshots, listSnapshots } from './service.js';

const tags = ['capture'];
const snapshotId = z.string().min(1).max(200);

export const captureRoutes: RoutePlugin = (app, { deps }, done) => {
  app.post(
    '/captures',
    {
      preValidation: noBodyAsEmpty,
      schema: {
        tags,
        summary: "Snapshot the server's host (specs, CPU, memory, disk, network, processes, diagnostics) as evidence",
        description:
          'Takes `interval` (1s by default) plus up to 2s of diagnostic commands. With `incident` the snapshot is attached to it, and fills its ' +
          'system state when that is still empty and the capture is within 15m of its window (`replace_state` replaces a recorded one). 201 with Location.',
        body: captureRequestSchema,
        response: { 201: captureResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const { incident, replace_state, interval, top, commands } = req.body;
      const r = await captureHost(deps, contextOf(req), {
        ...(incident ? { incident } : {}),
        ...(replace_state ? { replaceState: true } : {}),
        intervalMs: Number(parseDuration(interval) / 1_000_000n),
        top,
        ...(commands ? {} : { commands: [] }),
      });
      return reply
        .code(201)
        .header('location', `/api/v1/evidence/${encodeURIComponent(r.evidence.id)}`)
        .send({ evidence: r.evidence.id, ...(r.note ? { note: r.note } : {}), snapshot: r.snapshot });
    },
  );

  app.get(
    '/captures',
    {
      schema: {
        tags,
        summary: 'Stored snapshots, newest first',
        querystring: z.strictObject({ incident: incidentIdSchema.optional().describe('Only those attached to this incident') }),
        response: { 200: snapshotListSchema, ...problemResponses },
      },
    },
    async (req) => ({ snapshots: await listSnapshots(deps, req.query.incident ? { incident: req.query.incident } : {}) }),
  );

  app.get(
    '/captures/diff',
    {
      schema: {
        tags,
        summary: 'Compare two stored snapshots (e.g. the last healthy one against the failure)',
        querystring: z.strictObject({ a: snapshotId.describe('Evidence id of the earlier snapshot'), b: snapshotId.describe('Evidence id of the later snapshot') }),
        response: { 200: snapshotDiffSchema, ...problemResponses },
      },
    },
    async (req) => diffStoredSnapshots(deps, req.query.a, req.query.b),
  );

  done();
};

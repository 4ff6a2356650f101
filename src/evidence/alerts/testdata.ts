/** Recorded Alertmanager 0.25 webhook payloads (from the Debian package, via .ci/services.sh), for tests. */
import { readFileSync } from 'node:fs';

export type RecordedPayload = 'critical-firing' | 'warning-firing' | 'warning-resolved';

/**
 * A fresh copy of a recorded payload as parsed JSON.
 * @example const p = recordedPayload('critical-firing') as { alerts: unknown[] };
 */
export function recordedPayload(name: RecordedPayload): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./testdata/am-0.25-${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

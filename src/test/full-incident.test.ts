import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { incidentSchema } from '../incidents/schema/index.js';
import { buildFullIncident, schemaLeafPaths, valuesAt } from './full-incident.js';

const filled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

describe('buildFullIncident', () => {
  const paths = schemaLeafPaths(incidentSchema);

  it('walks the whole schema: nested objects, arrays of objects and of strings', () => {
    expect(paths.length).toBeGreaterThan(250);
    expect(paths).toEqual(expect.arrayContaining(['system_state.memory.pressure', 'action_items[].status', 'lessons.went_well[]', 'resolution.permanent_fix.configuration_changes[].old_value', 'kind']));
    // The walk reports what is missing, so the completeness check below can fail.
    const sparse = schemaLeafPaths(z.strictObject({ a: z.string().optional(), b: z.array(z.strictObject({ c: z.number().optional() })).optional() }));
    expect(sparse).toEqual(['a', 'b[].c']);
    expect(valuesAt({ b: [{ c: 1 }, {}] }, 'b[].c').filter(filled)).toEqual([1]);
  });

  it('fills every field of every section (in at least one element of each list)', () => {
    const inc = buildFullIncident();
    const missing = paths.filter((p) => !valuesAt(inc, p).some(filled));
    expect(missing).toEqual([]);
  });

  it('uses other-values and tricky text, and applies overrides', () => {
    const inc = buildFullIncident({ severity: 'P0', title: 'x' });
    expect(inc.severity).toBe('P0');
    expect(inc.title).toBe('x');
    expect(inc.component).toMatch(/^other: /);
    expect(inc.symptoms?.behavior_before_failure).toContain('\nINITIAL SYMPTOMS:\n');
    expect(() => incidentSchema.parse(inc)).not.toThrow();
  });
});

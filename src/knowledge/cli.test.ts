/** `pfa crash --incident`, `pfa kb search` and `pfa rca suggest` as a user runs them (needs `npm run build`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';

const { pfa, dir } = useCli('pfa-kb-cli-');

describe('knowledge commands', () => {
  it('records crash signatures on incidents, links the same crash, and finds it again', () => {
    const log1 = join(dir(), 'kern1.log');
    const log2 = join(dir(), 'kern2.log');
    writeFileSync(log1, 'Oct  1 07:00:01 ob1 kernel: [10.000001] matcher[4242]: segfault at 8 ip 000055d1c0a1b2c3 sp 00007ffd4b2a1e10 error 4 in matcher[55d1c0a00000+200000]\n');
    writeFileSync(log2, 'Nov 26 10:27:36 ob2 kernel: [1016.000002] matcher[977]: segfault at 8 ip 0000561100a1b2c3 sp 00007ffe00001e10 error 4 in matcher[561100a00000+200000]\n');
    const create = (title: string, at: string) => pfa(['incident', 'create', '--title', title, '--severity', 'P2', '--started-at', at, '--kind', 'sys']).stdout.trim();
    const past = create('Matcher crash at open', '2025-10-01T07:00:00Z');
    expect(pfa(['incident', 'update', past, '--set', 'analysis.root_cause=null order pointer after symbol reload', '--version', '1']).code).toBe(0);
    expect(pfa(['crash', log1, '--incident', past]).code).toBe(0);

    const now = create('Order entry down', '2025-11-26T10:27:35Z');
    const r = pfa(['--json', 'crash', log2, '--incident', now]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { crashes: { signature: string }[]; incident: { id: string; version: number; added: string[]; linked: string[] }; past_incidents: { incident_id: string; root_cause: string }[] };
    const sig = out.crashes[0]?.signature ?? '';
    expect(out.incident).toEqual({ id: now, version: 2, added: [sig], linked: [past] });
    expect(out.past_incidents).toMatchObject([{ incident_id: past, root_cause: 'null order pointer after symbol reload' }]);

    const human = pfa(['kb', 'search', '--signature', sig]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(past);
    expect(human.stdout).toContain(now);
    expect(human.stdout).toContain('root cause: null order pointer after symbol reload');
    const none = pfa(['kb', 'search']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: missing search criteria: give at least one of --signature/);

    // a value that is no component at all is an input error, as for `incident list`
    const typo = pfa(['kb', 'search', '--component', 'memroy']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/^pfa: --component: expected one of cpu, memory, .* \(got "memroy"\)$/m);
    // a real one that no incident has: the answer says so, with what the store has
    expect(pfa(['incident', 'update', past, '--set', 'component=memory', '--version', '3']).code).toBe(0);
    const absent = pfa(['kb', 'search', '--component', 'cpu', '--tag', 'nosuch']);
    expect(absent.code).toBe(0);
    expect(absent.stdout).toBe('no incident has tag nosuch; no tags recorded\nno incident has component cpu; components recorded: memory\n');
    expect(pfa(['kb', 'search', '--component', 'Memory (RAM)']).stdout).toContain(past);

    const s = pfa(['--json', 'rca', 'suggest', now]);
    expect(s.code, s.stderr).toBe(0);
    const sug = JSON.parse(s.stdout) as { onset: string; factors: { kind: string; incident_id?: string }[]; notes: string[] };
    expect(sug.onset).toBe('2025-11-26T10:27:35Z');
    // No evidence attached, but the recorded signature still finds the past incident.
    expect(sug.factors).toMatchObject([{ kind: 'similar_incident', incident_id: past }]);
    expect(sug.notes).toEqual([expect.stringMatching(/no metric evidence/)]);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dnsOutage } from '../../demo/dns-outage.js';
import { incidentContentSchema, type IncidentContent } from '../../incidents/schema/index.js';
import { buildFullIncident } from '../../test/full-incident.js';
import { ANY_TRIGGER, RULES } from './blame-rules.js';
import { checkBlameless, narrativeKind } from './blameless.js';

const PEOPLE = {
  summary: { incident_commander: 'John Doe', responders: ['Jane Smith', 'Bob Johnson'] },
  action_items: [{ priority: 'high', action: 'Add DNS monitoring', owner: 'DevOps' }],
  signoff: { approved_by: { name: 'Mary Major', role: 'Manager' } },
};

function withText(text: string): IncidentContent {
  return incidentContentSchema.parse({ title: 'Gateway down', severity: 'P1', started_at: '2025-11-26T10:27:00Z', ...PEOPLE, analysis: { what_happened: text } });
}

// Sentence → the rule expected to fire.
const BLAME: Array<[string, string]> = [
  ['The outage was caused by human error.', 'human_error'],
  ['Operator error during the restart took the gateway down.', 'human_error'],
  ['User error on the trading desk.', 'human_error'],
  ['The engineer should have checked the config before the restart.', 'hindsight'],
  ["We should've tested at production scale.", 'hindsight'],
  ['Should have rolled back as soon as latency rose.', 'hindsight'],
  ['Someone should have noticed the alert.', 'hindsight'],
  ['We could have prevented this with a second look.', 'hindsight'],
  ['Should have been approved by the team lead first.', 'hindsight'],
  ['John forgot to renew the certificate.', 'forgot'],
  ['If the on-call engineer had read the alert, the halt would have been shorter.', 'hindsight'],
  ['Our engineers failed to follow the change process.', 'failed_to'],
  ['The on-call engineer failed to acknowledge the page.', 'failed_to'],
  ['Bob Johnson failed to run the soak test.', 'failed_to'],
  ['He carelessly restarted the wrong host.', 'judgement'],
  ['A careless change to the resolver configuration.', 'judgement'],
  ['The release was negligent.', 'judgement'],
  ['This was negligence by the release team.', 'judgement'],
  ['An incompetent review let the bug through.', 'judgement'],
  ['Sloppy work in the runbook.', 'judgement'],
  ['The developers were sloppy.', 'judgement'],
  ['It was the fault of the trader who entered the order.', 'blame'],
  ['Jane Smith is to blame for the outage.', 'blame'],
  ['We blame the network team for the delay.', 'blame'],
  ['The operator was at fault.', 'blame'],
  ["The operator didn't bother to check the logs.", 'forgot'],
  ['The developer forgot to enable the TTL.', 'forgot'],
  ['The team neglected to update the runbook.', 'forgot'],
  ['Ignored the disk alert for an hour.', 'forgot'],
  ['Bob Johnson caused the outage by deleting the route.', 'person_as_cause'],
  ['Trading halted because Jane Smith restarted the primary.', 'person_as_cause'],
  ["It was Jane's mistake.", 'person_as_cause'],
  ['The DNS change was introduced by John Doe.', 'person_as_cause'],
  ["The leak was due to Bob's error.", 'person_as_cause'],
  ['The trader made a mistake entering the order.', 'person_as_cause'],
  ["It was Mary Major's fault.", 'person_as_cause'],
  ['The outage happened due to the on-call engineer.', 'person_as_cause'],
  ['DevOps caused the outage.', 'person_as_cause'],
  // Names the record does not list: forgetting and neglecting are what people do.
  ['Priya forgot to renew the certificate.', 'forgot'],
  ['Yesterday Priya Raman neglected to update the runbook.', 'forgot'],
  ['The engineer was responsible for the outage.', 'person_as_cause'],
];

const TECHNICAL: string[] = [
  'The health check failed to connect to the gateway.',
  'Process obengine failed to start after the upgrade.',
  'The kernel killed the process when memory ran out.',
  'We ran git blame on cleanup.cpp to find the commit.',
  'Blame annotations point at commit 9f1c2ab.',
  'The disk failed to respond within 30 s.',
  'The FIX session failed to log on after the sequence reset.',
  'Segmentation fault in OrderBook::add.',
  'Page faults rose to 1.5M per second.',
  'The alert should have fired at 80% but the threshold was 98%.',
  'Fault tolerance was reduced by the single NIC.',
  'Nobody was paged because the alert route was missing.',
  'The resolver failed to resolve the exchange endpoint.',
  'Jane Smith led the response and restored DNS at 10:37.',
  'Bob Johnson restarted the gateway; the restart caused a brief latency spike.',
  'The deploy at 09:00 caused the symbol set to double.',
  'The blameless review found three gaps in alerting.',
  'Detection took 3 minutes (target: under 30 seconds).',
  'Manual intervention required where failover should be automatic.',
  'Replication failed to catch up within the RTO.',
  'The watchdog failed to detect the hang.',
  'The cleanup job failed to run because cron was disabled.',
  'The NIC was at fault: rx_missed rose to 1842.',
  'An error in the order router caused rejects.',
  'Human-readable logs were missing for the feed handler.',
  'The operator console failed to load.',
  'The cache layer uses lazy loading of symbols.',
  "Bob's script failed to start.",
  'The review was blame-free and focused on the system.',
  'The order was rejected because the price band was exceeded.',
  'Should the primary fail, traffic moves to the secondary.',
  'The team had no runbook because the service was new.',
  'The trading desk was not blamed: nobody is to blame.',
  'This was not human error: the runbook step was ambiguous.',
  'Because the on-call engineer had no access to the console, the failover waited.',
  'The parser made an error on malformed tags.',
  'The process forgot its lock after the fork.',
  "The kernel's error handling worked as designed.",
  'The fault of the power supply tripped the breaker.',
  'Jane Smith noticed the alert and escalated it.',
  'Should have been caught by CI, but the soak test was skipped.',
  'Traders failed to get fills for twelve minutes.',
  'Users failed to log in during the outage.',
  'They should have been restarted in dependency order.',
  'If the primary had failed over, trading would have continued.',
  'Kafka ignored the retention setting after the upgrade.',
  'The Scheduler forgot to flush its queue on shutdown.',
  'The script ignored the SIGTERM and kept running.',
];

describe('checkBlameless: blame language', () => {
  it.each(BLAME)('flags %j (%s)', (text, rule) => {
    const found = checkBlameless(withText(text));
    expect(found.map((f) => f.rule)).toEqual([rule]);
    const f = found[0];
    expect(f?.path).toBe('analysis.what_happened');
    expect(text.toLowerCase()).toContain(f?.phrase.toLowerCase());
    expect(f?.excerpt).toBe(text);
    expect(f?.suggestion.length).toBeGreaterThan(30);
  });

  it.each(TECHNICAL)('does not flag %j', (text) => {
    expect(checkBlameless(withText(text))).toEqual([]);
  });
});

describe('blame rules', () => {
  it('every match of a rule starts a word with one of its cues, so the one-pass pre-filter loses nothing', () => {
    for (const text of [...BLAME.map(([t]) => t), ...TECHNICAL]) {
      for (const r of RULES) {
        for (const m of text.matchAll(new RegExp(r.re.source, 'gi'))) {
          expect(r.cues.some((cue) => new RegExp(`\\b${cue}`, 'i').test(m[0])), `${r.rule} on "${m[0]}"`).toBe(true);
          expect(ANY_TRIGGER.test(text)).toBe(true);
        }
      }
    }
  });
});

describe('checkBlameless: suggestions and excerpts', () => {
  it('rewords hindsight as a gap in the process, quoting what was expected', () => {
    const [f] = checkBlameless(withText('The engineer should have checked the config before the restart.'));
    expect(f?.suggestion).toContain('"the process did not ensure checking the config before the restart"');
    const [g] = checkBlameless(withText('The on-call engineer failed to acknowledge the page.'));
    expect(g?.suggestion).toContain('"acknowledging the page" did not happen');
    const [h] = checkBlameless(withText('The developer forgot to enable the TTL.'));
    expect(h?.suggestion).toContain('"no checklist step or automation ensured enabling the TTL"');
    const both = checkBlameless(withText('Blamed on human error.'));
    expect(both.map((f) => f.rule)).toEqual(['blame', 'human_error']);
    expect(both[1]?.suggestion).toMatch(/missing guard rail/);
  });

  // Sentence → every finding in it, in text order: [rule, phrase, the reworded passage quoted in the suggestion].
  const SEVERAL: Array<[string, Array<[string, string, string | null]>]> = [
    [
      'John forgot to restart the engine because he was careless and ignored the alert',
      [
        ['forgot', 'forgot to', 'no checklist step or automation ensured restarting the engine'],
        ['judgement', 'careless', null],
        ['forgot', 'ignored', 'no runbook step or owner ensured a response to the alert'],
      ],
    ],
    [
      'The developer forgot to enable the TTL and neglected to update the runbook.',
      [
        ['forgot', 'forgot to', 'no checklist step or automation ensured enabling the TTL'],
        ['forgot', 'neglected to', 'no checklist step or automation ensured updating the runbook'],
      ],
    ],
    [
      'The operator ignored the alerts and forgot the checklist.',
      [
        ['forgot', 'ignored', 'no runbook step or owner ensured a response to the alerts'],
        ['forgot', 'forgot', 'no checklist step, reminder or automation covered the checklist'],
      ],
    ],
    [
      "The operator didn't bother to check the logs, then ignored the pager for an hour.",
      [
        ['forgot', "didn't bother to", 'no checklist step or automation ensured checking the logs'],
        ['forgot', 'ignored', 'no runbook step or owner ensured a response to the pager'],
      ],
    ],
    [
      'We should have rolled back and should have paged the vendor.',
      [
        ['hindsight', 'should have', 'the process did not ensure rolling back'],
        ['hindsight', 'should have', 'the process did not ensure paging the vendor'],
      ],
    ],
    ['If the on-call engineer had read the alert, the halt would have been shorter.', [['hindsight', 'If', 'the process did not ensure reading the alert']]],
    ['If the operator had not restarted the primary, the book would have survived.', [['hindsight', 'If', 'the process did not prevent restarting the primary']]],
    ['The operator should not have restarted the primary during the auction.', [['hindsight', 'should not have', 'the process did not prevent restarting the primary during the auction']]],
    ['Priya forgot that the certificate expired on Friday.', [['forgot', 'forgot', null]]],
  ];

  it.each(SEVERAL)('reports every finding of %j, each reworded grammatically', (text, expected) => {
    const found = checkBlameless(withText(text));
    expect(found.map((f) => [f.rule, f.phrase])).toEqual(expected.map(([rule, phrase]) => [rule, phrase]));
    found.forEach((f, i) => {
      const quoted = expected[i]?.[2];
      if (quoted) expect(f.suggestion).toContain(`"${quoted}"`);
      else expect(f.suggestion).not.toMatch(/"/); // no quote to make: the general advice, not a broken clause
    });
  });

  it('keeps excerpts to about 120 characters around the phrase, on one line', () => {
    const long = `${'The gateway reconnected to the venue after a long delay. '.repeat(4)}\nThe operator\nshould have paged the network team. ${'Latency stayed high for a while afterwards. '.repeat(4)}`;
    const [f] = checkBlameless(withText(long));
    expect(f?.excerpt).toMatch(/^….*operator should have paged.*…$/);
    expect(f?.excerpt.length).toBeLessThanOrEqual(124);
  });

  it('reads "other:" choice texts and skips choice values, names, ids and times', () => {
    const inc = incidentContentSchema.parse({
      title: 'Gateway down',
      severity: 'P1',
      started_at: '2025-11-26T10:27:00Z',
      failure_type: 'other: the operator carelessly deleted the route',
      summary: { incident_commander: 'Blame Careless', responders: ['Sloppy Joe'] },
      timeline: [{ id: 'T1', at: '2025-11-26T10:28:00Z', event: 'Someone should have paged', annotation: 'Operator error here' }],
      failure: { logs: { application: 'ERROR user error: operator failed to authenticate' } },
    });
    expect(checkBlameless(inc).map((f) => `${f.path} ${f.rule}`)).toEqual(['failure_type judgement', 'timeline.0.event hindsight', 'timeline.0.annotation human_error']);
  });

  it('finds nothing in the demo post-mortem, which is written blamelessly', () => {
    const { id: _id, status: _status, ...content } = dnsOutage;
    expect(checkBlameless(incidentContentSchema.parse(content))).toEqual([]);
    expect(checkBlameless(buildFullIncident())).toEqual([]);
  });
});

/** Leaves of the content schema with what they hold: a choice value, a timestamp, or text. */
function leaves(schema: z.ZodType, path: string): Array<{ path: string; kind: 'choice' | 'time' | 'text' | 'other' }> {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return leaves(schema.unwrap() as z.ZodType, path);
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  if (schema instanceof z.ZodArray) return leaves(schema.element as z.ZodType, `${path}[]`);
  const meta = z.globalRegistry.get(schema);
  if (schema instanceof z.ZodEnum || schema instanceof z.ZodPipe || meta?.description?.startsWith('One of')) return [{ path, kind: 'choice' }];
  if ((meta as { format?: string } | undefined)?.format === 'date-time') return [{ path, kind: 'time' }];
  return [{ path, kind: schema instanceof z.ZodString ? 'text' : 'other' }];
}

/** Every string of a value replaced by `text`. */
function fill(value: unknown, text: string): unknown {
  if (typeof value === 'string') return text;
  if (Array.isArray(value)) return value.map((v) => fill(v, text));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, text)]));
  return value;
}

describe('checkBlameless: which fields are narrative', () => {
  const all = leaves(incidentContentSchema, '');
  const full = buildFullIncident();
  const flagged = new Set(checkBlameless(fill(full, 'The engineer should have checked it.') as IncidentContent).map((f) => f.path.replace(/\.\d+/g, '[]').replace(/\]\[\]/g, '][]')));

  it('classifies paths', () => {
    expect(narrativeKind(['analysis', 'five_whys', '2', 'answer'])).toBe('narrative');
    expect(narrativeKind(['resolution', 'testing', 'result'])).toBe('choice');
    expect(narrativeKind(['response', 'recovery_steps', '0', 'result'])).toBe('narrative');
    expect(narrativeKind(['failure', 'logs', 'dmesg'])).toBe('skip');
    expect(narrativeKind(['signoff', 'approved_by', 'name'])).toBe('skip');
  });

  it('never reads a choice value or a timestamp as narrative', () => {
    const wrong = all.filter((l) => l.kind === 'choice' || l.kind === 'time').filter((l) => flagged.has(l.path));
    expect(wrong).toEqual([]);
  });

  it('reads every other text field except names, ids, durations and pasted data', () => {
    const skipped = all.filter((l) => l.kind === 'text' && !flagged.has(l.path)).map((l) => l.path);
    expect(skipped.filter((p) => !/^(system_state|failure\.(core_dump|logs|crash_dump)|resolution\.permanent_fix\.\w+_changes(\[\])?|supporting\.hardware_diagnostics|prevention\.documentation)\./.test(p))).toEqual([
      'summary.incident_commander',
      'summary.responders[]',
      'symptoms.error_messages',
      'failure.degradation_duration',
      'analysis.five_whys[].id',
      'analysis.five_whys[].parent',
      'analysis.five_whys[].evidence[]',
      'analysis.contributing_factors[].id',
      'analysis.contributing_factors[].evidence[]',
      'analysis.fishbone.causes[].id',
      'analysis.fishbone.causes[].factor',
      'analysis.fishbone.causes[].evidence[]',
      'analysis.code_issues.code_location',
      'analysis.tags[]',
      'impact.trading.downtime',
      'impact.recovery.detection_time',
      'impact.recovery.diagnosis_time',
      'impact.recovery.fix_time',
      'impact.recovery.verification_time',
      'impact.recovery.total_time',
      'impact.sla.rto',
      'impact.sla.actual_recovery',
      'impact.sla.variance',
      'response.emergency_response[].time',
      'response.failover.failover_time',
      'resolution.verification.period',
      'prevention.immediate_actions[].owner',
      'prevention.immediate_actions[].target_date',
      'corrective_actions[].id',
      'corrective_actions[].source',
      'related.similar[].incident_id',
      'related.similar[].date',
      'related.frequency',
      'action_items[].id',
      'action_items[].owner',
      'action_items[].due',
      'action_items[].source',
      'signoff.analyzed_by.name',
      'signoff.analyzed_by.role',
      'signoff.analyzed_by.date',
      'signoff.reviewed_by.name',
      'signoff.reviewed_by.role',
      'signoff.reviewed_by.date',
      'signoff.approved_by.name',
      'signoff.approved_by.role',
      'signoff.approved_by.date',
      'signoff.postmortem_document',
      'supporting.links[].url',
      'supporting.diagnostic_commands',
      'supporting.vendor_support.ticket',
      'supporting.vendor_support.vendor',
      'supporting.vendor_support.response_time',
      'timeline[].id',
      'timeline[].event_type',
      'timeline[].evidence[]',
      'review.reviewed_by',
      'review.date',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, policyConfigSchema } from '../config/schema.js';
import { parseTimestamp } from '../shared/time.js';
import { evaluatePolicy } from './evaluate.js';

const at = (s: string) => parseTimestamp(s).ns;
const base = { id: 'INC-20251126-001', severity: 'P3' as const, started_at: '2025-11-26T10:30:00Z', ended_at: '2025-11-26T10:33:00Z' };

describe('post-mortem policy', () => {
  it('is optional for a short P3 with no trigger, and says why', () => {
    const r = evaluatePolicy(base, DEFAULT_CONFIG.policy, at('2025-11-26T11:00:00Z'));
    expect(r.mandatory).toBe(false);
    expect(r.reasons[0]).toMatch(/optional/);
    expect(r.overdue).toBe(0);
  });

  it.each([
    [{ severity: 'P1' as const }, /severity P1/],
    [{ ended_at: '2025-11-26T10:45:00Z' }, /outage of 15m exceeds 5m/],
    [{ impact: { trading: { financial_loss_usd: 25_000 } } }, /financial loss \$25,000 exceeds \$10,000/],
    [{ impact: { regulatory_reporting_required: true } }, /regulatory/],
    [{ impact: { circuit_breaker_activated: true } }, /circuit breaker/],
    [{ impact: { emergency_halt: true } }, /emergency halt/],
  ])('is mandatory for %j', (override, reason) => {
    const r = evaluatePolicy({ ...base, ...override }, DEFAULT_CONFIG.policy, at('2025-11-26T11:00:00Z'));
    expect(r.mandatory).toBe(true);
    expect(r.reasons.join('; ')).toMatch(reason);
  });

  it('counts an ongoing incident as an outage so far, with no deadlines yet', () => {
    const r = evaluatePolicy({ ...base, ended_at: undefined }, DEFAULT_CONFIG.policy, at('2025-11-26T11:00:00Z'));
    expect(r.mandatory).toBe(true);
    expect(r.deadlines.every((d) => d.state === 'not_started' && d.due_at === null)).toBe(true);
  });

  it('shows each deadline as met, late, due, overdue or pending', () => {
    const incident = {
      ...base,
      severity: 'P1' as const,
      milestones: { initial_timeline_at: '2025-11-26T20:00:00Z', draft_at: '2025-11-29T10:00:00Z' },
    };
    const r = evaluatePolicy(incident, DEFAULT_CONFIG.policy, at('2025-12-02T23:00:00Z'));
    const states = Object.fromEntries(r.deadlines.map((d) => [d.key, d.state]));
    expect(states).toEqual({ initial_timeline: 'met', draft: 'late', final: 'due', actions_started: 'pending', fixes_reviewed: 'pending' });
    const later = evaluatePolicy(incident, DEFAULT_CONFIG.policy, at('2025-12-04T00:00:00Z'));
    expect(later.deadlines.find((d) => d.key === 'final')?.state).toBe('overdue');
    expect(later.overdue).toBe(1);
  });

  it('takes thresholds from configuration', () => {
    const policy = policyConfigSchema.parse({ mandatory_severities: ['P0'], outage_threshold: '1m' });
    const r = evaluatePolicy({ ...base, severity: 'P1' }, policy, at('2025-11-26T11:00:00Z'));
    expect(r.reasons.join()).toMatch(/outage of 3m exceeds 1m/);
    expect(r.reasons.join()).not.toMatch(/severity/);
  });
});

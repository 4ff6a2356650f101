/**
 * Test factories: a PostmortemInput around an incident, with computed figures, review events and
 * resolved links shaped as the post-mortem service produces them. Used by this folder's tests only.
 */
import { DEFAULT_FISHBONE_CATEGORIES, incidentSchema, type Incident } from '../../incidents/schema/index.js';
import type { PostmortemInput, RecoveryFigures, ResolvedLink } from '../types.js';

/** Figures with nothing computed: every marker missing. */
export function emptyRecovery(): RecoveryFigures {
  return { markers: {}, marker_sources: {}, rto: { component: 'default', objective: { ns: '300000000000', text: '5m' } }, orders: { failed: null, lost: null, sources: [] }, notes: [] };
}

/** Figures as the recovery engine would compute them for a ~17-minute outage against a 5-minute RTO. */
export function sampleRecovery(): RecoveryFigures {
  return {
    markers: {
      first_indication: '2025-11-26T10:27:35.123456789Z',
      detection: '2025-11-26T10:29:00Z',
      recovery: '2025-11-26T10:45:00Z',
    },
    marker_sources: { first_indication: 'T1', detection: 'timeline entry 2', recovery: 'timeline entry 4' },
    detection: { ns: '84876543211', text: '1m 24.876543211s' },
    total: { ns: '1044876543211', text: '17m 24.876543211s' },
    downtime: { ns: '975000000000', text: '16m 15s' },
    rto: {
      component: 'memory',
      objective: { ns: '300000000000', text: '5m' },
      actual: { ns: '1044876543211', text: '17m 24.876543211s' },
      met: false,
      variance: { ns: '744876543211', text: '12m 24.876543211s', negative: false },
    },
    orders: { failed: 14, lost: 431, recorded_failed: 12, recorded_lost: 437, sources: ['order:file-fix0001-SYS-20251126-001'] },
    financial_loss_usd: 25000.5,
    notes: ['No diagnosis marker: diagnosis and fix times are not computed.'],
  };
}

/** A label and excerpt for every evidence link of the record (what the link resolver returns). */
export function resolveAll(inc: Incident): Record<string, ResolvedLink> {
  const a = inc.analysis;
  const links = [
    ...(a?.five_whys ?? []).flatMap((w) => w.evidence ?? []),
    ...(a?.contributing_factors ?? []).flatMap((f) => f.evidence ?? []),
    ...(a?.fishbone?.causes ?? []).flatMap((c) => c.evidence ?? []),
    ...(inc.timeline ?? []).flatMap((e) => e.evidence ?? []),
  ];
  const out: Record<string, ResolvedLink> = {};
  links.forEach((link, i) => {
    const ref = link.split('#')[1];
    out[link] = link.startsWith('incident:')
      ? { link, label: `incident ${link.slice('incident:'.length)}`, error: 'not in this store' }
      : { link, label: `${link.split(':')[0]} evidence ${ref ?? ''}`.trim(), excerpt: `excerpt ${i}: ERROR line for ${ref ?? link}` };
  });
  return out;
}

/**
 * A PostmortemInput around an incident; `overrides` replace top-level fields.
 * @example buildPostmortemInput(buildFullIncident()).review.state // 'in_review'
 */
export function buildPostmortemInput(inc: Incident, overrides: Partial<PostmortemInput> = {}): PostmortemInput {
  return {
    incident: inc,
    recovery: sampleRecovery(),
    blame: [],
    review: {
      state: 'in_review',
      events: [{ action: 'submitted', actor: 'jane', role: 'editor', at: '2025-11-27T09:00:00.123456Z', incident_version: inc.version }],
    },
    links: resolveAll(inc),
    categories: inc.analysis?.fishbone?.categories ?? [...DEFAULT_FISHBONE_CATEGORIES],
    generated_at: '2025-11-28T12:00:00Z',
    ...overrides,
  };
}

/**
 * A demo record (src/demo) as stored: the bookkeeping fields added, then parsed like the store does.
 * @example storedIncident(oomLeak).version // 1
 */
export function storedIncident(record: object): Incident {
  return incidentSchema.parse({ status: 'open', version: 1, created_at: '2025-11-28T00:00:00Z', updated_at: '2025-11-28T00:00:00Z', ...record });
}

/** The smallest valid incident: every optional section empty. */
export function bareIncident(kind: 'sys' | 'inc' = 'sys'): Incident {
  return incidentSchema.parse({
    id: kind === 'sys' ? 'SYS-20251126-009' : 'INC-20251126-009',
    status: 'open',
    version: 1,
    created_at: 'x',
    updated_at: 'x',
    kind,
    title: 'Bare',
    severity: 'P4',
    started_at: '2025-11-26T10:00:00Z',
  });
}

/** Values that would run script or inject structure if any renderer let them through. */
export const HOSTILE = {
  img: '<img src=x onerror=window.__pwned=1>',
  script: '<script>window.__pwned=1</script>',
  mdLink: '[x](javascript:window.__pwned=1)',
  entityLink: '[y](&#106;avascript:window.__pwned=1)',
  svg: '"><svg onload=window.__pwned=1>',
  markdown: '# injected heading\n| a | b |\n|---|---|\n> quote\n- item\n1. item\n```\ncode\n```\n[ref]: javascript:window.__pwned=1\n![i](x)\n<https://evil.example>\n***',
  carriage: 'before\r# injected after CR\r\n<img src=x onerror=window.__pwned=1>',
  // Backslash-escaping `_` would already break the payloads above if `<` got through: these carry none.
  quoted: '<img src="x" onerror="window.pwned=1"><details open ontoggle="window.pwned=1">',
  attribute: '" onmouseover="window.pwned=1" x="',
} as const;

const H = Object.values(HOSTILE).join(' ');

/**
 * A PostmortemInput whose every user-writable string (record, review, links, blame, categories) is hostile.
 * @example renderPostmortemHtml(hostileInput()).includes('<script') // false
 */
export function hostileInput(overrides: Partial<Incident> = {}): PostmortemInput {
  const evil = 'log:file-1#<img src=x onerror=window.__pwned=1>';
  const evilUrl = 'url:https://evil.example/"><svg/onload=window.__pwned=1>';
  // A title with a bare CR: the schema folds line breaks in one-line fields now, but records stored
  // before that rule may hold one, so the renderers must stay safe with it. It is set after parsing.
  const crTitle = `A | B # ${HOSTILE.mdLink} ${HOSTILE.img} \`tick\` ${HOSTILE.svg} ${HOSTILE.attribute}\r# CR heading`;
  const parsed = incidentSchema.parse({
    id: 'SYS-20251126-666',
    status: 'postmortem',
    version: 2,
    created_at: 'x',
    updated_at: 'x',
    kind: 'sys',
    title: crTitle.replace('\r', ' '),
    severity: 'P1',
    started_at: '2025-11-26T10:00:00Z',
    ended_at: '2025-11-26T10:30:00.123456Z',
    summary: { description: H, executive_summary: HOSTILE.markdown, impact_headline: HOSTILE.img, incident_commander: HOSTILE.script, responders: [HOSTILE.svg, HOSTILE.mdLink] },
    symptoms: { initial: H, error_messages: HOSTILE.carriage },
    system_state: { specs: { hostname: HOSTILE.img, ip_addresses: [HOSTILE.svg] } },
    failure: { core_dump: { backtrace: '```\n</pre><script>window.__pwned=1</script>\n```' }, logs: { dmesg: HOSTILE.script } },
    analysis: {
      what_happened: HOSTILE.markdown,
      five_whys: [
        { id: 'W1', question: `${HOSTILE.img} ${HOSTILE.quoted}`, answer: HOSTILE.mdLink, evidence: [evil, evilUrl] },
        { id: 'W2', parent: 'W1', question: HOSTILE.markdown, answer: HOSTILE.script, root_cause: true },
      ],
      root_cause: HOSTILE.entityLink,
      contributing_factors: [{ id: 'F1', description: HOSTILE.svg, details: HOSTILE.img, kind: 'manual', category: HOSTILE.script, score: 1.5, evidence: [evil] }],
      fishbone: {
        effect: `${HOSTILE.svg} ${HOSTILE.script} ${HOSTILE.quoted}`,
        categories: [HOSTILE.img, 'Process'],
        causes: [
          { id: 'C1', category: HOSTILE.img, cause: `${HOSTILE.script} ${HOSTILE.carriage}`, factor: 'F1', evidence: [evilUrl] },
          { category: `]]></text><script>window.__pwned=1</script>`, cause: HOSTILE.svg },
        ],
      },
    },
    impact: { technical: HOSTILE.markdown, financial: HOSTILE.img, customer: HOSTILE.mdLink, trading: { downtime: HOSTILE.svg, orders_lost: 3 } },
    lessons: { went_well: [HOSTILE.img, HOSTILE.markdown], went_poorly: [HOSTILE.script], lessons_learned: [HOSTILE.carriage] },
    corrective_actions: [{ horizon: 'immediate', description: HOSTILE.img, type: 'corrective', source: HOSTILE.svg }],
    action_items: [{ priority: 'high', action: `${HOSTILE.markdown}`, owner: HOSTILE.img, due: HOSTILE.mdLink, status: 'not_started' }],
    related: { similar: [{ incident_id: HOSTILE.img, similarity: HOSTILE.script }] },
    signoff: { analyzed_by: { name: HOSTILE.img, role: HOSTILE.svg, date: HOSTILE.mdLink } },
    supporting: {
      links: [
        { label: HOSTILE.mdLink, url: 'javascript:window.__pwned=1' },
        { label: 'mixed case', url: ' JaVaScRiPt:window.__pwned=1' },
        { label: 'data', url: 'data:text/html,<script>window.__pwned=1</script>' },
        { label: 'vb', url: 'vbscript:msgbox(1)' },
        { label: 'quote breakout', url: 'https://ok.example/"><img src=x onerror=window.__pwned=1>' },
      ],
      notes: HOSTILE.carriage,
    },
    timeline: [
      { id: 'T1', at: '2025-11-26T10:00:00.000001Z', event: `${HOSTILE.img} ${HOSTILE.quoted}`, annotation: HOSTILE.script, marker: 'first_indication', evidence: [evil] },
      { id: 'T2', at: '2025-11-26T10:05:00Z', event: HOSTILE.markdown, marker: 'recovery' },
    ],
    ...overrides,
  });
  const inc = overrides.title !== undefined ? parsed : { ...parsed, title: crTitle };
  return buildPostmortemInput(inc, {
    categories: [HOSTILE.img, 'Process', HOSTILE.svg, HOSTILE.quoted],
    blame: [{ path: HOSTILE.img, phrase: HOSTILE.script, excerpt: HOSTILE.markdown, rule: 'x', suggestion: HOSTILE.mdLink }],
    review: {
      state: 'changes_requested',
      note: HOSTILE.img,
      events: [{ action: 'changes_requested', actor: HOSTILE.script, role: HOSTILE.svg, at: '2025-11-27T00:00:00Z', incident_version: 2, comment: HOSTILE.markdown }],
    },
    links: {
      [evil]: { link: evil, label: HOSTILE.img, excerpt: HOSTILE.script, error: HOSTILE.mdLink },
      [evilUrl]: { link: evilUrl, label: HOSTILE.svg, excerpt: HOSTILE.quoted },
    },
    recovery: { ...sampleRecovery(), notes: [HOSTILE.img], orders: { failed: 1, lost: null, sources: [HOSTILE.script] }, rto: { ...sampleRecovery().rto, component: HOSTILE.img } },
  });
}

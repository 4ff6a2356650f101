/**
 * The blame rules: phrases that put an incident on a person rather than on the system, each with
 * the condition under which it is blame (who the clause is about) and a blameless rewording.
 * Technical uses of the same words ("the check failed to connect", "git blame") are not blame.
 */
import { gerundPhrase, isParticiple, properNameBefore, personAt, subjectBefore, type People, type Subject } from './grammar.js';

export interface BlameHit {
  start: number;
  end: number;
  phrase: string;
  rule: string;
  suggestion: string;
}

interface Context {
  text: string;
  m: RegExpExecArray;
  before: string;
  after: string;
  people: People;
}

interface Rule {
  rule: string;
  /** Word beginnings one of which every match contains: texts with none skip the rule set in one pass. */
  cues: readonly string[];
  re: RegExp;
  /** Whether this occurrence is blame; absent: always. */
  accept?: (c: Context) => boolean;
  suggest: (c: Context) => string;
}

const NEGATED = /\b(?:not|no|never|without|rather than|instead of|isn['’]t|wasn['’]t|nobody is|no one is)\s+(?:to\s+|an?\s+|the\s+|just\s+|simply\s+|a\s+matter\s+of\s+)?$/i;

function subject(c: Context): Subject {
  return subjectBefore(c.before, c.people);
}
const personOrNone = (c: Context) => subject(c) !== 'other';
const person = (c: Context) => subject(c) === 'person';

/**
 * Where the clause after a phrase ends: sentence punctuation, a comma, a conjunction that starts a
 * new clause, or "and"/"or"/"then" before a second verb ("forgot to enable the TTL and neglected to
 * update the runbook"), not before a second object ("restart the engine and the gateway").
 */
const CLAUSE_END =
  /[.!?;:\n(]|,\s|\s(?:but|because|so|which|since|while|when|although|though|until|unless|whereas)\s|\s(?:and|or|then|and then)\s+(?=(?:\p{L}+ed|ran|made|forgot|took|chose|did|didn['’]t|broke|left|put|set|sent|wrote|hit|overrode|should|could|would|must|might|was|were|had|has|then|also|never|not|he|she|they|we|i|you)\b)/iu;

/** The rest of the clause after the phrase, for quoting in a suggestion. */
function clauseAfter(after: string, max = 80): string {
  const s = after.split(CLAUSE_END)[0] ?? '';
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max).replace(/\s+\S*$/, '')}…` : t;
}

/** Words that end the noun phrase of an object: a preposition or adverb starts what comes after it. */
const OBJECT_END = /\s(?:for|during|at|in|on|until|till|since|after|before|while|when|by|from|with|without|again|twice|repeatedly|completely|entirely|altogether|despite|over|under|throughout)\b/i;

/**
 * The object after a verb such as "ignored" or "forgot": its noun phrase ("the disk alert" of
 * "ignored the disk alert for an hour"), or '' when the object is a clause ("forgot that …").
 */
function objectAfter(after: string): string {
  const clause = clauseAfter(after);
  if (/^(?:that|what|how|whether|why|where|if|to|about|it|them|this|these|those)\b/i.test(clause)) return /^(?:it|them|this|these|those)$/i.test(clause) ? clause : '';
  return (clause.split(OBJECT_END)[0] ?? '').trim();
}

/** The first words after the phrase, articles and possessive pronouns skipped. */
function objectWords(after: string): string[] {
  const words = (after.split(/[.!?;:\n(),]/)[0] ?? '').match(/[\p{L}\p{N}_'’-]+/gu) ?? [];
  while (words.length && /^(?:the|a|an|our|their|his|her|its|my|your|this|that)$/i.test(words[0] ?? '')) words.shift();
  return words;
}

/** Whether the object after the phrase is a person: a role, a name token, or a full name from the record. */
function objectIsPerson(c: Context, { pronouns = true } = {}): boolean {
  const words = objectWords(c.after);
  if (/^errors?$/i.test(words[1] ?? '')) return false; // "caused by operator error": the human-error rule's
  if (!pronouns && /^(?:i|we|you|he|she|one|someone|somebody|everyone|anyone)$/i.test(words[0] ?? '')) return false;
  return personAt(words, c.people) !== null;
}

const SUGGEST = {
  human: () =>
    'Replace the label with the conditions that made the action likely: a missing guard rail or confirmation step, an unclear runbook step, a misleading interface, alert fatigue or time pressure.',
  hindsight: (c: Context) => {
    const rest = clauseAfter(c.after);
    // "should not have restarted": what the process did not prevent, not what it did not ensure.
    const verb = /\bnot\b|n['’]t\b/i.test(c.m[0]) ? 'prevent' : 'ensure';
    return rest
      ? `Rephrase as a gap in the process: "the process did not ${verb} ${gerundPhrase(rest)}", and name the check, gate or alert that was missing.`
      : `Rephrase as a gap in the process ("the process did not ${verb} …") and name the check, gate or alert that was missing.`;
  },
  /** "If the operator had read the alert": the act after "had", as a gap in the process. */
  counterfactual: (c: Context) => {
    const m = /^.*?\bhad(n['’]t| not| never)?\s+(?:(?:only|just|also)\s+)?(.+)$/i.exec(clauseAfter(c.after));
    if (!m?.[2]) return 'Rephrase as a gap in the process ("the process did not ensure …") and name the check, gate or alert that was missing.';
    return `Rephrase as a gap in the process: "the process did not ${m[1] ? 'prevent' : 'ensure'} ${gerundPhrase(m[2])}", and name the check, gate or alert that was missing.`;
  },
  failed: (c: Context) => {
    const rest = clauseAfter(c.after);
    const what = rest ? `"${gerundPhrase(rest)}" did not happen` : 'say what did not happen';
    return `Describe the event, not the person's failure: ${what}; say what made it unlikely (no reminder or automation, unclear ownership, competing alerts).`;
  },
  forgot: (c: Context) => {
    const phrase = c.m[0].toLowerCase();
    const generic = 'Describe the missing safeguard: which checklist step, reminder or automation would have ensured it.';
    if (/^ignored$/.test(phrase)) {
      const what = objectAfter(c.after);
      return what ? `Describe the missing safeguard: "no runbook step or owner ensured a response to ${what}".` : generic;
    }
    // "forgot to renew …", "did not bother to check …", "didn't bother checking …": an act.
    if (/\bto$/.test(phrase) || /\bbother$/.test(phrase) || /^\s*\p{L}+ing\b/u.test(c.after)) {
      const rest = clauseAfter(c.after);
      return rest ? `Describe the missing safeguard: "no checklist step or automation ensured ${gerundPhrase(rest)}".` : generic;
    }
    // "forgot the renewal": a thing.
    const what = objectAfter(c.after);
    return what ? `Describe the missing safeguard: "no checklist step, reminder or automation covered ${what}".` : generic;
  },
  judgement: () =>
    'Drop the judgement of the person; describe the action and the conditions that allowed it (no review or confirmation step, tooling that made the slip easy, workload or time pressure).',
  blame: () => 'Name the conditions and the gaps in the system rather than who is at fault: what made the outcome possible, and what would have caught it.',
  cause: () =>
    'Name the action and its conditions instead of the person, e.g. "restarting the primary (no confirmation step, no runbook warning) caused …" rather than "<name> caused …".',
};

const LAZY_TECH = /^\s*(?:load|loading|loaded|init|initiali[sz]ation|evaluation|eval|import|binding|allocation|fetch|mode|deletion|cleanup|expiry|expiration|free|parsing|iterator|sequence|val)\b/i;
/** "blame annotations", "blame view", "blame-free": the tool or the absence of blame. */
const CODE_BLAME_AFTER = /^(?:-?(?:free|less)\b|\s+(?:annotations?|view|output|tool|info|information|data|history|log|command)\b)/i;
const CODE_BLAME = /(?:\b(?:git|svn|hg|cvs|bzr|p4|tig)\s+|[`$]\s*|\bgit-)$/i;
/** Verbs after "because <person>" that describe conditions, not an act to blame. */
const NEUTRAL_VERBS =
  /^(?:had|has|have|having|needed|lacked|waited|received|followed|used|relied|tried|attempted|asked|escalated|reported|noticed|detected|responded|acknowledged|was|were|is|are|being|could|couldn['’]t|cannot|can['’]t)$/i;

/** A verb of an act: a past tense, a few irregular ones, "didn't", or (after "due to") an -ing form. */
function actVerb(word: string | undefined, gerund: boolean): boolean {
  if (word === undefined || NEUTRAL_VERBS.test(word)) return false;
  if (gerund && /^\p{L}+ing$/u.test(word)) return true;
  return /^(?:\p{L}+ed|ran|made|forgot|took|chose|did|didn['’]t|broke|left|put|set|sent|wrote|ignored|missed|hit|overrode|skipped|bypassed)$/iu.test(word);
}

/**
 * "because Jane Doe restarted …", "due to the operator": a person,
 * not a pronoun, as the author of the act that caused it. "because the team had no runbook" is a condition.
 */
function becausePerson(c: Context): boolean {
  if (!objectIsPerson(c, { pronouns: false })) return false;
  const words = objectWords(c.after);
  const at = personAt(words, c.people);
  if (at === null) return false;
  // "because of Bob's mistake" is the possessive rule's; "because of the team's lack of access" a condition.
  if (/['’]s$/.test(words[at[1] - 1] ?? '')) return false;
  const next = words[at[1]];
  const prep = /\b(?:of|to)\s$/i.test(c.m[0]);
  return (prep && next === undefined) || actVerb(next, prep);
}

/**
 * "should have" about a person, or about nobody named ("Should have rolled back"); a passive with no
 * person as its agent ("Should have been caught by CI") is about the system.
 */
function hindsightOfPerson(c: Context): boolean {
  const who = subject(c);
  if (who !== 'none') return who === 'person';
  if (!/^\s+been\b/i.test(c.after)) return true;
  const by = /\bby\s+(.*)$/is.exec(clauseAfter(c.after));
  return by !== null && objectIsPerson({ ...c, after: ` ${by[1] ?? ''}` });
}

/** "If only Alice had checked …", "if the operator had followed …": a counterfactual about a person's act. */
function ifPersonHad(c: Context): boolean {
  const words = objectWords(c.after);
  const at = personAt(words, c.people);
  if (at === null || at[0] !== 0) return false;
  const rest = words.slice(at[1]);
  if (/^only$/i.test(c.m[0].trim().split(/\s+/)[1] ?? '') && rest.length) return true;
  const verb = /^(?:not|never|only|just)$/i.test(rest[1] ?? '') ? rest[2] : rest[1];
  return /^had(?:n['’]t)?$/i.test(rest[0] ?? '') && verb !== undefined && isParticiple(verb) && !/^(?:need|want)ed$/i.test(verb);
}

/** What a person could not do because of the incident ("traders failed to get fills") is impact, not blame. */
const IMPACT_VERB = /^\s+(?:get|receive|connect|reconnect|reach|log\s*(?:in|on)|login|logon|access|load|obtain|place|trade|execute|authenticate|hear)\b/i;

/** Every rule, in the order findings are reported when two cover the same words. */
export const RULES: readonly Rule[] = [
  { rule: 'human_error', cues: ['error'], re: /\b(?:human|operator|user|personnel|staff|people)[\s-]+errors?\b/gi, accept: (c) => !NEGATED.test(c.before), suggest: SUGGEST.human },
  { rule: 'person_as_cause', cues: ['caused', 'created', 'introduced'], re: /\b(?:caused|created|introduced) by\b/gi, accept: (c) => objectIsPerson(c), suggest: SUGGEST.cause },
  { rule: 'person_as_cause', cues: ['because', 'due to', 'thanks to'], re: /\b(?:because(?: of)?|due to|thanks to)\s/gi, accept: becausePerson, suggest: SUGGEST.cause },
  { rule: 'person_as_cause', cues: ['caus', 'broke'], re: /\b(?:caused|causes|broke)\b/gi, accept: person, suggest: SUGGEST.cause },
  {
    rule: 'person_as_cause',
    cues: ['mistake', 'error', 'fault', 'oversight', 'blunder', 'slip', 'fat', 'typo', 'negligence', 'carelessness'],
    re: /(?<![^\s"(])[^\s"(),.;:!?'’]+['’]s (?:mistake|error|fault|oversight|blunder|slip|fat[- ]finger|typo|negligence|carelessness)\b/gi,
    accept: (c) => subjectBefore(c.before + c.m[0].replace(/['’]s .*$/su, ''), c.people) === 'person',
    suggest: SUGGEST.cause,
  },
  { rule: 'person_as_cause', cues: ['mistake', 'error', 'blunder', 'oversight', 'slip'], re: /\b(?:mistake|error|blunder|oversight|slip)s? (?:by|of|from|on the part of)\s/gi, accept: (c) => objectIsPerson(c), suggest: SUGGEST.cause },
  { rule: 'person_as_cause', cues: ['made', 'make'], re: /\b(?:made|makes|make) (?:a|an|the|this|that) (?:mistake|error|blunder|slip)\b/gi, accept: personOrNone, suggest: SUGGEST.cause },
  {
    rule: 'person_as_cause',
    cues: ['responsible'],
    re: /\b(?:is|was|are|were) (?:solely |directly |fully )?responsible for (?:the |this )?(?:outage|incident|failure|halt|loss|crash|problem|issue|downtime)\b/gi,
    accept: person,
    suggest: SUGGEST.cause,
  },
  { rule: 'hindsight', cues: ['should', 'ought'], re: /\b(?:should(?:['’]ve| have| not have|n['’]t have)|ought to have)\b/gi, accept: hindsightOfPerson, suggest: SUGGEST.hindsight },
  { rule: 'hindsight', cues: ['if'], re: /\bif (?:only )?/gi, accept: ifPersonHad, suggest: SUGGEST.counterfactual },
  { rule: 'hindsight', cues: ['could'], re: /\bcould(?:['’]ve| have) (?:easily )?(?:prevented|avoided|caught|noticed|spotted|stopped)\b/gi, accept: person, suggest: SUGGEST.hindsight },
  { rule: 'failed_to', cues: ['fail'], re: /\bfail(?:ed|s)? to\b/gi, accept: (c) => person(c) && !IMPACT_VERB.test(c.after), suggest: SUGGEST.failed },
  {
    rule: 'forgot',
    cues: ['forg', 'neglect', 'nobody', 'no one', 'did not bother', 'didn', 'couldn', 'ignored'],
    re: /\b(?:forgot(?:ten)?(?: to)?|forgets(?: to)?|neglected(?: to)?|neglects(?: to)?|(?:nobody|no one) (?:bothered|remembered|thought) to|did not bother(?: to)?|didn['’]t bother(?: to)?|couldn['’]t be bothered(?: to)?|ignored)\b/gi,
    // Forgetting and neglecting are what people do: a bare proper name ("John forgot to …") is a
    // person even when the record does not list it. "Ignored" is also said of systems ("Kafka ignored …").
    accept: (c) => personOrNone(c) || (!/^ignored$/i.test(c.m[0]) && properNameBefore(c.before)),
    suggest: SUGGEST.forgot,
  },
  {
    rule: 'judgement',
    cues: ['careless', 'negligen', 'incompeten', 'slopp', 'reckless', 'irresponsib', 'inattent', 'clueless', 'stupid', 'idiot', 'lazy', 'lazi'],
    re: /\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|incompeten(?:t|tly|ce)|sloppy|sloppily|sloppiness|reckless(?:ly|ness)?|irresponsibl[ey]|inattentive|inattention|clueless|stupid(?:ity)?|idiot(?:ic|s)?|lazy|laziness)\b/gi,
    accept: (c) => !(/^lazy$/i.test(c.m[0]) && LAZY_TECH.test(c.after)),
    suggest: SUGGEST.judgement,
  },
  {
    rule: 'blame',
    cues: ['blam', 'fault'],
    re: /\b(?:blam(?:e|ed|es|ing)|(?:his|her|my|your|our|their) fault|at fault|fault lies with|(?:the )?fault of)\b/gi,
    accept: (c) => {
      const p = c.m[0].toLowerCase();
      if (p.startsWith('blam')) return !CODE_BLAME.test(c.before) && !CODE_BLAME_AFTER.test(c.after) && !NEGATED.test(c.before);
      if (p === 'at fault') return personOrNone(c);
      if (p.endsWith('fault of') || p === 'fault lies with') return objectIsPerson(c);
      return true;
    },
    suggest: SUGGEST.blame,
  },
];

const WINDOW = 240;
export const ANY_TRIGGER = new RegExp(`\\b(?:${[...new Set(RULES.flatMap((r) => r.cues))].join('|')})`, 'i');

/**
 * Every blame phrase in a text; when two rules cover the same words the earlier one is kept.
 * @example findBlame('It was human error.', peopleFrom([]))[0]?.rule === 'human_error'
 */
export function findBlame(text: string, people: People): BlameHit[] {
  // Most narrative text holds no trigger at all: one pass decides, instead of one per rule.
  if (!ANY_TRIGGER.test(text)) return [];
  const hits: BlameHit[] = [];
  for (const r of RULES) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(text); m !== null; m = r.re.exec(text)) {
      // The clause around a phrase is short: a bounded window keeps long texts linear.
      const end = m.index + m[0].length;
      const c: Context = { text, m, before: text.slice(Math.max(0, m.index - WINDOW), m.index), after: text.slice(end, end + WINDOW), people };
      if (r.accept && !r.accept(c)) continue;
      hits.push({ start: m.index, end: m.index + m[0].length, phrase: m[0].trim(), rule: r.rule, suggestion: r.suggest(c) });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: BlameHit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) continue;
    kept.push(h);
  }
  return kept;
}

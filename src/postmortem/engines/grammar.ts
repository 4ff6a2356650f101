/**
 * Just enough English for blameless rewordings: who a clause is about (a person, something else,
 * or nobody named) and the -ing form of a verb phrase ("checked the config" → "checking the config").
 */

/** Words that name people by role; plural forms are accepted too (an `s` is stripped). */
const ROLES = new Set([
  'engineer', 'operator', 'developer', 'dev', 'admin', 'administrator', 'sysadmin', 'on-call', 'oncall', 'on-caller', 'sre',
  'trader', 'analyst', 'reviewer', 'responder', 'manager', 'team', 'person', 'people', 'staff', 'employee', 'contractor',
  'intern', 'human', 'dba', 'tester', 'approver', 'commander', 'colleague', 'desk', 'member', 'owner', 'author', 'coder', 'shift',
  'crew', 'lead',
]);
/** Pronouns that can only mean people. "They" is left out: it is as often servers as people. */
const PRONOUNS = new Set(['i', 'we', 'you', 'he', 'she', 'someone', 'somebody', 'nobody', 'everyone', 'everybody', 'anyone', 'anybody', 'whoever', 'one']);
const INDEFINITE = /^(?:whoever|someone|somebody|anyone|anybody|everyone|everybody|nobody)$/i;
/** Auxiliaries and adverbs that sit between a subject and its verb. */
const FILLERS = new Set([
  'had', 'has', 'have', 'also', 'then', 'just', 'again', 'never', 'not', 'did', 'does', 'do', 'was', 'were', 'is', 'are', 'been',
  'be', 'all', 'both', 'still', 'already', 'apparently', 'evidently', 'clearly', 'obviously', 'simply', 'really', 'repeatedly',
  'initially', 'probably', 'certainly', 'definitely', 'reportedly', 'once', 'twice', 'who', 'might', 'may', 'must', 'would', 'could',
]);

/** Clause boundaries: sentence ends, punctuation, and conjunctions that start a new subject. */
const BOUNDARY =
  /[.!?](?=\s|$)|[;:\n()[\]"“”,]|\s(?:and|but|or|so|because|since|when|while|although|though|after|before|until|if|then|which|that|where|as)\s/i;

/** People named in the record: full names as written (and "First Last" for "Last, First") and their name tokens. */
export interface People {
  /** Lower-cased full names. */
  full: string[];
  /** Name tokens as written, capitalized (matched case-sensitively: "Will" is a name, "will" is not). */
  tokens: Set<string>;
}

/**
 * People from a list of names. A name of two to four capitalized words is a person's, and each of
 * its words (three letters or more) also names them; any other name (a team, "Head of Trading") only as a whole.
 * @example peopleFrom(['Jane Doe', 'DevOps']).tokens.has('Jane') === true
 */
export function peopleFrom(names: Iterable<string>): People {
  const full = new Set<string>();
  const tokens = new Set<string>();
  for (const raw of names) {
    const name = raw.replace(/["“”]/g, '').replace(/\s+/g, ' ').trim();
    if (name.length < 2) continue;
    const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
    const forms = comma ? [name, `${comma[2]} ${comma[1]}`] : [name];
    for (const f of forms) full.add(f.toLowerCase());
    const words = (forms[forms.length - 1] ?? name).split(' ');
    if (words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w))) {
      for (const w of words) if (w.replace(/[.'’-]/g, '').length >= 3) tokens.add(w);
    }
  }
  return { full: [...full].sort((a, b) => b.length - a.length), tokens };
}

/**
 * A word that names people by role (plural too) or a person-only pronoun.
 * @example isRole('engineers') === true && isRole('engine') === false
 */
export function isRole(word: string): boolean {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  return ROLES.has(w) || (w.endsWith('s') && ROLES.has(w.slice(0, -1))) || PRONOUNS.has(w);
}

/**
 * A word as a person: a role, a person-only pronoun, or a name token written as in the record.
 * @example isPersonWord("Jane's", peopleFrom(['Jane Doe'])) === true
 */
export function isPersonWord(word: string, people: People): boolean {
  return isRole(word) || people.tokens.has(word.replace(/['’]s$/, ''));
}

export type Subject = 'person' | 'none' | 'other';

/** Words that may follow a person who is the subject or object of a clause (not a noun the person word modifies). */
const AFTER_PERSON = /^(?:who|whom|that|which|and|or|but|with|without|during|at|in|on|when|while|after|before|by|for|from|to|as|was|were|is|are|had|has|did|didn['’]t|does|would|could|should|then|again|also|not|never|first|early|late|alone|instead|too|himself|herself|themselves|myself|ourselves|\p{L}+ly)$/iu;
const VERB_FORM = /^(?:\p{L}+(?:ed|ing)|ran|made|forgot|took|chose|broke|left|put|set|sent|wrote|hit|overrode|missed|ignored)$/iu;

/**
 * The person a run of words starts with ("the release engineer skipped …" → words 0–1), as word
 * indices [start, end), or null. A role word may follow up to two modifiers ("night shift", "junior
 * admin"); it must end the noun phrase ("engineer workstation" is a workstation).
 * @example personAt(['release', 'engineer', 'skipped'], people) // [0, 2]
 */
export function personAt(words: readonly string[], people: People): [number, number] | null {
  const lead = words.join(' ').toLowerCase();
  for (const n of people.full) {
    if (lead === n || lead.startsWith(`${n} `) || lead.startsWith(`${n}'s`) || lead.startsWith(`${n}’s`)) return [0, n.split(' ').length];
  }
  for (let k = 0; k < Math.min(3, words.length); k++) {
    const w = words[k] ?? '';
    if (isPersonWord(w, people)) {
      let end = k + 1;
      while (end < words.length && end < k + 3 && isPersonWord(words[end] ?? '', people) && !/['’]s$/.test(words[end - 1] ?? '')) end++;
      const next = words[end];
      const ok = next === undefined || /['’]s$/.test(words[end - 1] ?? '') || AFTER_PERSON.test(next) || VERB_FORM.test(next);
      return ok ? [0, end] : null;
    }
    // Only plain modifiers may come before the role word: no verb forms, no second noun phrase.
    if (VERB_FORM.test(w) || AFTER_PERSON.test(w) || /['’]s$/.test(w)) return null;
  }
  return null;
}

/**
 * Who the clause that ends at the phrase is about: its last word before the verb, once auxiliaries
 * and adverbs are set aside, is the head of the subject ("the on-call engineer" → engineer).
 * @example subjectBefore('The health check', people) === 'other'
 */
export function subjectBefore(before: string, people: People): Subject {
  const pieces = before.split(BOUNDARY);
  const clause = (pieces[pieces.length - 1] ?? '').replace(/\bon[\s-]call\b/gi, 'on-call');
  const words = clause.match(/[\p{L}\p{N}_'’-]+/gu) ?? [];
  // "Whoever approved this change should have …": an indefinite pronoun opening the clause is its subject.
  if (INDEFINITE.test(words[0] ?? '') && words.length > 1) return 'person';
  while (words.length && FILLERS.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
  const head = words[words.length - 1];
  if (head === undefined) return 'none';
  if (isPersonWord(head, people)) return 'person';
  const tail = words.join(' ').toLowerCase();
  return people.full.some((n) => tail === n || tail.endsWith(` ${n}`)) ? 'person' : 'other';
}

/** Words that open a noun phrase: a subject or object, never a verb. */
const DETERMINERS = /^(?:the|a|an|this|that|these|those|his|her|its|our|their|my|your|some|any|all|every|each|no|it|them|him|me|us)$/i;

/**
 * Whether the clause that ends at the phrase has a bare proper name as its subject ("John",
 * "Jane Doe", "Yesterday John"): capitalized words with no determiner before them. For verbs only
 * people do (forget, neglect), such a subject is a person even when the record does not name them.
 * @example properNameBefore('John ') === true && properNameBefore('The Scheduler ') === false
 */
export function properNameBefore(before: string): boolean {
  const pieces = before.split(BOUNDARY);
  const words = (pieces[pieces.length - 1] ?? '').match(/[\p{L}\p{N}_.'’-]+/gu) ?? [];
  while (words.length && FILLERS.has((words[words.length - 1] ?? '').toLowerCase())) words.pop();
  let k = words.length;
  const nameLike = (w: string) => /^\p{Lu}(?:\p{Ll}[\p{Ll}-]*|\.)$/u.test(w) && !DETERMINERS.test(w);
  while (k > 0 && words.length - k < 3 && nameLike(words[k - 1] ?? '')) k--;
  if (k === words.length) return false;
  const prev = words[k - 1];
  return prev === undefined || !(DETERMINERS.test(prev) || /['’]s$/.test(prev));
}

const IRREGULAR: Record<string, string> = {
  been: 'being', caught: 'catching', known: 'knowing', seen: 'seeing', done: 'doing', taken: 'taking', run: 'running', ran: 'running',
  made: 'making', written: 'writing', given: 'giving', told: 'telling', sent: 'sending', kept: 'keeping', read: 'reading', set: 'setting',
  put: 'putting', found: 'finding', built: 'building', gone: 'going', got: 'getting', gotten: 'getting', begun: 'beginning', chosen: 'choosing',
  understood: 'understanding', thought: 'thinking', spoken: 'speaking', brought: 'bringing', shut: 'shutting', left: 'leaving', paid: 'paying',
  be: 'being', see: 'seeing', commit: 'committing', submit: 'submitting',
};
/** Base verbs ending in -eed (a participle such as "agreed" drops its d instead). */
const BASE_EED = new Set(['need', 'exceed', 'proceed', 'succeed', 'feed', 'seed', 'heed', 'speed', 'bleed']);
/** Short verbs whose final consonant doubles: stop → stopping (the common ones in operations text). */
const DOUBLE = /^(?:[^aeiou]*[aeiou])([bdgklmnprt])$/;

/**
 * A past participle: regular (-ed, -en) or one of the irregular verbs above.
 * @example isParticiple('read') === true && isParticiple('access') === false
 */
export function isParticiple(word: string): boolean {
  const w = word.toLowerCase();
  return /^\p{L}{2,}(?:ed|en)$/u.test(w) || (w in IRREGULAR && !/^(?:be|see|commit|submit)$/.test(w));
}

/**
 * The -ing form of a verb phrase's first word, from a base form ("acknowledge the page") or a
 * past participle ("checked the config"). Unknown shapes, and noun phrases ("the alert"), are returned unchanged.
 * @example gerundPhrase('checked the config') === 'checking the config'
 */
export function gerundPhrase(phrase: string): string {
  const m = /^(\S+)(.*)$/s.exec(phrase.trim());
  if (!m) return phrase;
  const word = (m[1] ?? '').toLowerCase();
  const rest = m[2] ?? '';
  // A noun phrase ("the alert") has no verb to turn: "thing alert" is what the rules below would make.
  if (DETERMINERS.test(word) || !/^\p{L}+$/u.test(word)) return phrase.trim();
  const known = IRREGULAR[word];
  if (known) return known + rest;
  let g: string;
  if (word.endsWith('ing')) g = word;
  else if (word.endsWith('ied')) g = `${word.slice(0, -3)}ying`;
  else if (word.endsWith('eed')) g = BASE_EED.has(word) ? `${word}ing` : `${word.slice(0, -1)}ing`;
  else if (word.endsWith('ed') && word.length >= 4) g = `${word.slice(0, -2)}ing`;
  else if (word.endsWith('ie')) g = `${word.slice(0, -2)}ying`;
  else if (word.endsWith('e') && !/(?:ee|ye|oe)$/.test(word)) g = `${word.slice(0, -1)}ing`;
  else if (word.length <= 4 && DOUBLE.test(word)) g = `${word}${word.slice(-1)}ing`;
  else g = `${word}ing`;
  return g + rest;
}

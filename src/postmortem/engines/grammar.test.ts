import { describe, expect, it } from 'vitest';
import { gerundPhrase, peopleFrom, personAt, properNameBefore, subjectBefore } from './grammar.js';

const people = peopleFrom(['Jane Doe', 'Smith, Alice', '"Q" Quinn', 'DevOps', 'Head of Trading Technology']);

describe('grammar helpers', () => {
  it('collects full names, "Last, First" reordered, and the tokens of personal names only', () => {
    expect(people.full).toEqual(expect.arrayContaining(['jane doe', 'smith, alice', 'alice smith', 'q quinn', 'devops', 'head of trading technology']));
    expect([...people.tokens].sort()).toEqual(['Alice', 'Doe', 'Jane', 'Quinn', 'Smith']);
  });

  it.each([
    ['The health check', 'other'],
    ['The on-call engineer', 'person'],
    ['The engineer on call', 'person'],
    ["Bob's script", 'other'],
    ['Jane really', 'person'],
    ['The restart went fine, but ', 'none'],
    ['', 'none'],
    ['Head of Trading Technology', 'person'],
    ['Whoever approved this change', 'person'],
    ['jane', 'other'],
  ] as const)('subject of %j is %s', (before, expected) => {
    expect(subjectBefore(before, people)).toBe(expected);
  });

  it.each([
    [['release', 'engineer', 'skipped'], [0, 2]],
    [['Jane', 'Doe', 'restarted'], [0, 2]],
    [['misconfigured', 'engineer', 'workstation'], null],
    [['engineer', 'workstation'], null],
    [['night', 'shift'], [0, 2]],
    [['cache', 'restarted', 'the', 'engineer'], null],
    [["operator's", 'mistake'], [0, 1]],
  ] as const)('personAt(%j) = %j', (words, expected) => {
    expect(personAt(words, people)).toEqual(expected);
  });

  it.each([
    ['checked the config', 'checking the config'],
    ['acknowledge the page', 'acknowledging the page'],
    ['verified the backup', 'verifying the backup'],
    ['stop the feed', 'stopping the feed'],
    ['been caught earlier', 'being caught earlier'],
    ['run the soak test', 'running the soak test'],
    ['used the runbook', 'using the runbook'],
    ['agreed on a window', 'agreeing on a window'],
    ['exceed the limit', 'exceeding the limit'],
    ['open a ticket', 'opening a ticket'],
    ['the alert', 'the alert'],
    ['his pager', 'his pager'],
    ['3 retries', '3 retries'],
  ])('gerundPhrase(%j) = %j', (phrase, expected) => {
    expect(gerundPhrase(phrase)).toBe(expected);
  });

  it.each([
    ['John ', true],
    ['Jane Doe ', true],
    ['Yesterday Priya ', true],
    ['Then J. Smith ', true],
    ['The engine restarted, but Priya ', true],
    ['The Scheduler ', false],
    ["Bob's Script ", false],
    ['the scheduler ', false],
    ['OOM ', false],
    ['', false],
  ] as const)('properNameBefore(%j) is %s', (before, expected) => {
    expect(properNameBefore(before)).toBe(expected);
  });
});

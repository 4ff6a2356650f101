import { describe, expect, it } from 'vitest';
import { clusterSignatures } from './cluster.js';
import { isVariableColumn, renderTemplate, variableToken } from './columns.js';
import { foldQuantities, foldTemplates, quantityKey } from './merge.js';

const rules = { maxConstants: 5 };

describe('isVariableColumn', () => {
  it.each([
    [['eth0', 'eth1'], true, 'values that differ only in digits'],
    [['KB,', 'MB,', 'B,'], true, 'units'],
    [['Mon', 'Tue'], true, 'date words'],
    [['<*>,', 'LOCAL(<*>),'], true, 'one value wholly masked'],
    [['ws=<*>,', 'ws=WorkSource{<*>},'], true, 'masked values with the same key'],
    [['a', 'b', 'c', 'd', 'e'], true, 'many distinct values'],
    [['view', 'modify'], false, 'a few words'],
    [['LOOKING', 'FOLLOWING', 'LEADING'], false, 'a few states'],
    [['phoneId=<*>', 'retVal=<*>'], false, 'masked values with different keys'],
    [['(uid=<*>)', 'LOGIN(uid=<*>)'], false, 'a key inside a bracket is a key, not a whole wildcard'],
    [['(<*>)', '()'], true, 'a masked value and an empty one'],
    [['set', '<*>'], false, 'a word against a variable'],
    [['x'], false, 'one value'],
    [['orders-<*>', 'fills-<*>', 'md.quotes-<*>', 'risk-events-<*>'], true, 'names joined to a number: instances (topic partitions)'],
    [['(worker_<*>)', '(driver_<*>)'], true, 'instances in brackets'],
    [['orders-<*>', 'orders'], false, 'an instance against a plain word'],
    [['uid=<*>', 'euid=<*>'], false, 'a key is not an instance name'],
  ])('%j → %s (%s)', (values, want) => {
    expect(isVariableColumn(values, rules)).toBe(want);
  });
});

describe('variableToken and renderTemplate', () => {
  it('keep the punctuation all values share', () => {
    expect(variableToken(['[a1]', '[b22]'])).toBe('[<*>]');
    expect(variableToken(['[node_a1]', '[node_b2]'])).toBe('[<*>]');
    expect(variableToken(['<*>,', 'LOCAL(<*>),'])).toBe('<*>,');
    expect(variableToken(['(x', 'y)'])).toBe('<*>');
    expect(variableToken(['<memory:1,', '<memory:<*>,'])).toBe('<memory:<*>,');
    expect(variableToken(['key=a', 'key=b'])).toBe('key=<*>');
  });
  it('keep one wildcard per token when rendering (a value and a unit-bearing value stay two)', () => {
    expect(renderTemplate(['size', '<*>', '<*>,', 'free', '<*>'])).toBe('size <*> <*>, free <*>');
  });
});

describe('clusterSignatures', () => {
  it('splits on constants and masks many-valued columns', () => {
    const sig = (text: string, count = 1): { tokens: string[]; count: number } => ({ tokens: text.split(' '), count });
    const { clusterOf, templates } = clusterSignatures(
      [
        sig('job alice logged in', 3), sig('job bob logged in'), sig('job carol logged in'), sig('job dave logged in'),
        sig('job erin logged in'), sig('job alice logged out', 2), sig('job bob logged out'), sig('disk <*> full', 9),
      ],
      rules,
    );
    expect(templates.map((t) => t.join(' ')).sort()).toEqual(['disk <*> full', 'job <*> logged in', 'job alice logged out', 'job bob logged out']);
    expect(clusterOf[0]).toBe(clusterOf[4]);
    expect(clusterOf[5]).not.toBe(clusterOf[0]);
  });

  it('takes the word after "user" for a value however few there are, and an empty pair for an empty value', () => {
    const sig = (text: string, count = 1): { tokens: string[]; count: number } => ({ tokens: text.split(' '), count });
    const { templates } = clusterSignatures(
      [
        sig('session opened for user cyrus by (uid=<*>)', 17), sig('session opened for user news by (uid=<*>)', 17),
        sig('connection from <*> (<*>) at <*>', 30), sig('connection from <*> () at <*>', 155),
        sig('job alice logged out', 2), sig('job bob logged out'),
      ],
      rules,
    );
    expect(templates.map((t) => t.join(' ')).sort()).toEqual([
      'connection from <*> (<*>) at <*>', 'job alice logged out', 'job bob logged out', 'session opened for user <*> by (uid=<*>)',
    ]);
  });
});

describe('foldTemplates', () => {
  it('folds a rare longer template into a common one whose wildcard absorbs the extra tokens', () => {
    const t = [['resolve', 'data', 'source', '<*>'], ['resolve', 'data', 'source', 'a', 'b', 'c'], ['resolve', 'data', 'target', 'a', 'b']];
    expect(Array.from(foldTemplates(t, [40, 1, 1]))).toEqual([0, 0, 2]);
    // not when the longer one is common: "invalid user <*>" is an event of its own
    expect(Array.from(foldTemplates(t, [40, 20, 1]))).toEqual([0, 1, 2]);
  });

  it('folds a rare template of the same length whose constant stands where the common one has a wildcard', () => {
    const t = [['generated', '<*>', 'core', 'files', 'for', 'program', '<*>'], ['generated', '<*>', 'core', 'files', 'for', 'program', 'IMB-MPI1'], ['generated', '<*>', 'core', 'files', 'for', 'job', 'x']];
    expect(Array.from(foldTemplates(t, [29, 1, 1]))).toEqual([0, 0, 2]);
    // a constant the common template also has as a constant is another event
    expect(Array.from(foldTemplates([['state', 'UP', 'on', '<*>'], ['state', 'DOWN', 'on', '<*>']], [40, 1]))).toEqual([0, 1]);
  });
});

describe('foldQuantities', () => {
  it('gives one key to a quantity written with or without its unit and rounded form', () => {
    const plain = ['<*>:<*>', 'close,', '<*>', 'bytes', 'sent,', 'lifetime', '<*>:<*>'];
    const rounded = ['<*>:<*>', 'close,', '<*>', 'bytes', '(<*>', 'KB)', 'sent,', 'lifetime', '<<*>', 'sec'];
    expect(quantityKey(plain)).toBe('<*> close, <*> sent, lifetime <*>');
    expect(quantityKey(rounded)).toBe(quantityKey(plain));
    // a keyed value keeps its key, and a unit word not after a quantity is a constant
    expect(quantityKey(['login', 'uid=<*>', 'ok'])).not.toBe(quantityKey(['login', 'pid=<*>', 'ok']));
    expect(quantityKey(['size', 'in', 'KB', '<*>'])).toBe('size in KB <*>');
  });

  it('folds templates with equal keys into the most frequent one, and no others', () => {
    const t = [
      ['conn', 'closed', 'after', '<*>', 'ms'],
      ['conn', 'closed', 'after', '<*>', 'seconds'],
      ['conn', 'closed', 'after', '<*>'],
      ['conn', 'opened', 'after', '<*>', 'ms'],
      ['<*>', 'ms'],
      ['<*>', 'sec'],
    ];
    expect(Array.from(foldQuantities(t, [5, 9, 2, 50, 3, 4], Int32Array.from(t.keys())))).toEqual([1, 1, 1, 3, 4, 5]);
  });
});

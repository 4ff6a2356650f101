import { describe, expect, it } from 'vitest';
import { InputError } from '../shared/errors.js';
import { EXIT, exitCodeFor, messageFor } from './exit.js';

describe('the one error mapping', () => {
  it('takes a file system error on a path the user gave for their error, and anything else unknown for ours', () => {
    const eisdir = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR', path: 'logs/' });
    expect(exitCodeFor(eisdir)).toBe(EXIT.user);
    expect(messageFor(eisdir)).toBe('logs/: is a directory, not a file');
    // a read on an open descriptor reports no path: no made-up "file:" in its place
    const nameless = Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' });
    expect(messageFor(nameless)).toBe('one of the paths given: is a directory, not a file');
    expect(exitCodeFor(new InputError('bad'))).toBe(EXIT.user);
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(exitCodeFor(bug)).toBe(EXIT.internal);
    expect(messageFor(bug)).toMatch(/^internal error: Cannot read properties/);
  });
});

import { describe, expect, it } from 'vitest';
import { binaryWarning, looksBinary, qualityNote } from './quality.js';

describe('file quality notes', () => {
  it('warns about a file whose lines are mostly binary or not UTF-8, not about a log with a few bad bytes', () => {
    const random = { lines: 91, binary: 72, invalidUtf8: 18 };
    expect(looksBinary(random)).toBe(true);
    expect(binaryWarning('dump.bin', random)).toBe('warning: dump.bin does not look like text: 90 of its 91 lines are binary or not valid UTF-8; its templates are byte noise, not log events');
    const latin1 = { lines: 5000, binary: 2, invalidUtf8: 40 };
    expect(looksBinary(latin1)).toBe(false);
    expect(binaryWarning('app.log', latin1)).toBeNull();
    expect(looksBinary({ lines: 0, binary: 0, invalidUtf8: 0 })).toBe(false);
  });

  it('says what was skipped or doubtful, and nothing for a clean file', () => {
    expect(qualityNote('app.log', { lines: 5000, binary: 1, invalidUtf8: 40 })).toBe('app.log: 1 line skipped as binary; 40 lines not valid UTF-8 (mined, bad bytes as \uFFFD)');
    expect(qualityNote('app.log', { lines: 5000, binary: 3, invalidUtf8: 0 })).toBe('app.log: 3 lines skipped as binary');
    expect(qualityNote('app.log', { lines: 5000, binary: 0, invalidUtf8: 0 })).toBeNull();
  });
});

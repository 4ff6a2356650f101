import { describe, expect, it } from 'vitest';
import { flatFieldReader } from './flatjson.js';
import { rng } from '../../test/random.js';

const KEYS = ['__REALTIME_TIMESTAMP', 'PRIORITY', 'MESSAGE', 'a.b'];
const read = flatFieldReader(KEYS);

/** The reader's answer, checked against JSON.parse: when it is sure, it must agree on every key. */
function agrees(line: string): boolean {
  const out: (string | undefined)[] = [];
  if (!read(line, out)) return false;
  const o = JSON.parse(line) as Record<string, unknown>;
  expect(typeof o === 'object' && o !== null && !Array.isArray(o)).toBe(true);
  KEYS.forEach((k, i) => {
    const raw = out[i];
    expect(raw === undefined ? undefined : JSON.parse(raw)).toEqual(Object.hasOwn(o, k) ? o[k] : undefined);
  });
  return true;
}

describe('flatFieldReader', () => {
  it('reads the wanted values of a compact object in any order, as raw JSON text', () => {
    const out: (string | undefined)[] = [];
    const line = '{"MESSAGE":"disk \\"full\\"\\n","x":[1,2],"PRIORITY":3,"__REALTIME_TIMESTAMP":"1764152855123456","y":null}';
    expect(read(line, out)).toBe(true);
    expect(out).toEqual(['"1764152855123456"', '3', '"disk \\"full\\"\\n"', undefined]);
  });

  it('takes the last of repeated keys, as JSON.parse does', () => {
    const out: (string | undefined)[] = [];
    expect(read('{"PRIORITY":"3","MESSAGE":"a","PRIORITY":"6"}', out)).toBe(true);
    expect(out[1]).toBe('"6"');
  });

  it('clears what the previous line left', () => {
    const out: (string | undefined)[] = [];
    read('{"PRIORITY":"3","MESSAGE":"a"}', out);
    expect(read('{"MESSAGE":"b"}', out)).toBe(true);
    expect(out).toEqual([undefined, undefined, '"b"', undefined]);
  });

  it('does not take a key written inside a value, escaped or in an array, for a key', () => {
    const out: (string | undefined)[] = [];
    expect(read('{"MESSAGE":"\\",\\"PRIORITY\\":\\"0","x":["PRIORITY",["PRIORITY"]]}', out)).toBe(true);
    expect(out[1]).toBeUndefined();
    expect(agrees('{"MESSAGE":"\\",\\"PRIORITY\\":\\"0","x":["PRIORITY",["PRIORITY"]]}')).toBe(true);
  });

  it('matches keys literally (a dot is a dot)', () => {
    const out: (string | undefined)[] = [];
    expect(read('{"aXb":1,"a.b":2}', out)).toBe(true);
    expect(out[3]).toBe('2');
  });

  it('reads bytes, several values, numbers and literals like JSON.parse', () => {
    for (const line of [
      '{"MESSAGE":[104,195,169,255,10]}',
      '{"MESSAGE":["multi","valued",[98,121,116,101,115]],"PRIORITY":-0}',
      '{"PRIORITY":1.5e+3,"a.b":true,"x":false,"y":null,"z":[]}',
      '{"PRIORITY":-12.25E-2,"MESSAGE":"\\u00e9\\ud83d\\ude00 \\/\\b\\f\\r\\t"}',
      '{"MESSAGE":"lone \\ud800 and raw \u2028 \u007f é"}',
      '{"":"","PRIORITY":0}',
    ]) {
      expect(agrees(line), line).toBe(true);
    }
  });

  it('is not sure of what JSON.parse rejects', () => {
    for (const line of [
      '{"PRIORITY":"3",}',
      '{"PRIORITY":"3"',
      '{"PRIORITY":"3"}}',
      '{"PRIORITY":"3"}x',
      '{"MESSAGE":"tab\there"}',
      '{"MESSAGE":"bad \\x escape"}',
      '{"MESSAGE":"short \\u12 escape"}',
      '{"PRIORITY":03}',
      '{"PRIORITY":1.}',
      '{"PRIORITY":-}',
      '{"PRIORITY":.5}',
      '{"PRIORITY":1e}',
      '{"PRIORITY":+1}',
      '{"PRIORITY":tru}',
      '{"PRIORITY":True}',
      '{"PRIORITY":NaN}',
      "{'PRIORITY':'3'}",
      '{"MESSAGE":[1,2,]}',
      '{"MESSAGE":"unterminated}',
      '{PRIORITY:3}',
      '["PRIORITY",3]',
      '',
    ]) {
      expect(read(line, []), line).toBe(false);
    }
  });

  it('leaves to JSON.parse what it does not know, though valid: spaces, escaped keys, objects, deep arrays', () => {
    for (const line of [
      '{ "PRIORITY": "3" }',
      '{"PRIORITY":"3"} ',
      '{"PRIORIT\\u0059":"3"}',
      '{"x":{"PRIORITY":"0"},"PRIORITY":"6"}',
      '{"MESSAGE":[[[1]]]}',
      '{}',
    ]) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(read(line, []), line).toBe(false);
    }
  });

  it('agrees with JSON.parse on mutated lines whenever it is sure', () => {
    const r = rng(7);
    const pieces = ['"', '\\', ',', ':', '{', '}', '[', ']', ' ', '0', '-', '.', 'e', 'u', 'PRIORITY', '\t', '\u0001', 'null', '"MESSAGE":', 'é'];
    const seeds = [
      '{"__REALTIME_TIMESTAMP":"1764152855123456","PRIORITY":"3","MESSAGE":"a \\"b\\" c","_PID":42,"a.b":[1,"x",[2]]}',
      '{"MESSAGE":[104,105],"PRIORITY":6,"x":true,"y":null,"z":-1.5e3,"MESSAGE":"again"}',
    ];
    let sure = 0;
    for (let n = 0; n < 4000; n++) {
      let line = seeds[n % seeds.length] as string;
      for (let edits = 1 + Math.floor(r() * 3); edits > 0; edits--) {
        const at = Math.floor(r() * (line.length + 1));
        const piece = pieces[Math.floor(r() * pieces.length)] as string;
        const cut = r() < 0.5 ? 1 : 0;
        line = r() < 0.3 ? line.slice(0, at) + line.slice(at + 1) : line.slice(0, at) + piece + line.slice(at + cut);
      }
      // Not sure is always allowed: a false for a line JSON.parse takes only costs speed.
      if (agrees(line)) sure++;
    }
    // The mutations keep enough lines valid for the agreement to have been tested.
    expect(sure).toBeGreaterThan(100);
  });

  it('refuses keys it could not match literally', () => {
    expect(() => flatFieldReader(['a"b'])).toThrow();
  });
});

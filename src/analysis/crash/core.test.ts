/**
 * `pfa crash --core --binary` on real core dumps: a small C program is compiled with gcc, run under
 * gdb until it crashes, and its core written by gdb (`generate-core-file`, which needs no
 * core_pattern or ulimit). CI installs gcc and gdb (.ci/tools.sh); elsewhere the tests skip without them.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from '../../test/cli.js';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const ready = has('gcc') && has('gdb');

// A matching engine in miniature: a feed thread sleeps while the main thread parses an order
// through a bad pointer (SIGSEGV), or fails a limit check and aborts (SIGABRT).
const PROGRAM = `
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
struct order { long qty; };
__attribute__((noinline)) long parse_order(struct order *o) { return o->qty; }
__attribute__((noinline)) long check_limits(long qty) { if (qty > 100) abort(); return qty; }
__attribute__((noinline)) long handle_message(struct order *o, int segv) {
  return segv ? parse_order(o) + 1 : check_limits(o->qty);
}
static void *feed_loop(void *arg) { (void)arg; for (;;) sleep(1); return NULL; }
int main(int argc, char **argv) {
  pthread_t feed;
  pthread_create(&feed, NULL, feed_loop, NULL);
  usleep(20000);
  struct order big = { 1000 };
  int segv = argc > 1 && strcmp(argv[1], "segv") == 0;
  printf("%ld\\n", handle_message(segv ? (struct order *)0x18 : &big, segv));
  return 0;
}
`;

describe.skipIf(!ready && !process.env.CI)('crash reports from real core dumps (gcc, gdb)', () => {
  const { pfa, dir } = useCli('pfa-core-');
  let binary = '';

  /** Runs the program under gdb with `mode` and returns the core gdb wrote. */
  const coreOf = (mode: string): string => {
    const core = join(dir(), `core.${mode}`);
    const r = spawnSync('gdb', ['-nx', '-batch', '-ex', 'run', '-ex', `generate-core-file ${core}`, '--args', binary, mode], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toContain(`Saved corefile ${core}`);
    return core;
  };

  beforeAll(() => {
    const source = join(dir(), 'matcher.c');
    binary = join(dir(), 'matcher');
    writeFileSync(source, PROGRAM);
    const cc = spawnSync('gcc', ['-g', '-O1', '-pthread', '-o', binary, source], { encoding: 'utf8' });
    expect(cc.stderr).toBe('');
    expect(cc.status).toBe(0);
  });

  it('reads a segmentation fault: title, signal, the faulting address and the crashing thread only', () => {
    const r = pfa(['crash', '--core', coreOf('segv'), '--binary', binary, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { crashes } = JSON.parse(r.stdout) as { crashes: { title: string; kind: string; signal: string; address: string; frames: string[]; signature: string }[] };
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ title: 'SIGSEGV in parse_order', kind: 'signal', signal: 'SIGSEGV', address: '0x18' });
    expect(crashes[0]?.frames).toEqual(['parse_order', 'handle_message', 'main']);
    expect(crashes[0]?.frames).not.toContain('feed_loop');
  });

  it('reads an abort: the guilty frame is the caller of abort, and no address is claimed', () => {
    const r = pfa(['crash', '--core', coreOf('abort'), '--binary', binary, '--json']);
    expect(r.code).toBe(0);
    const { crashes } = JSON.parse(r.stdout) as { crashes: { title: string; signal: string; address: string | null; frames: string[] }[] };
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ title: 'SIGABRT in check_limits', signal: 'SIGABRT', address: null });
    expect(crashes[0]?.frames).toContain('handle_message');
  });

  it('gives the same signature for the same crash in a rebuilt binary at other addresses', () => {
    const first = JSON.parse(pfa(['crash', '--core', coreOf('segv'), '--binary', binary, '--json']).stdout) as { crashes: { signature: string }[] };
    // Rebuilt without optimisation: other code addresses and frame offsets, the same functions.
    const source = join(dir(), 'matcher.c');
    const cc = spawnSync('gcc', ['-g', '-O0', '-fno-inline', '-pthread', '-o', binary, source], { encoding: 'utf8' });
    expect(cc.status).toBe(0);
    const second = JSON.parse(pfa(['crash', '--core', coreOf('segv'), '--binary', binary, '--json']).stdout) as { crashes: { signature: string }[] };
    expect(second.crashes[0]?.signature).toBe(first.crashes[0]?.signature);
  });

  it('says what gdb said when it cannot read the core, and refuses missing files', () => {
    const bogus = join(dir(), 'not-a-core');
    writeFileSync(bogus, 'hello');
    const r = pfa(['crash', '--core', bogus, '--binary', binary, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('is not a core dump');
    const missing = pfa(['crash', '--core', coreOf('segv'), '--binary', join(dir(), 'gone'), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no such file: ${join(dir(), 'gone')}`);
  });
});

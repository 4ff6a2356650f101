import { describe, expect, it } from 'vitest';
import { findCrashes, makeSignature, normalizeTitle } from './index.js';

describe('normalizeTitle', () => {
  it('replaces addresses, offsets, line numbers, CPU ids and numbers', () => {
    expect(normalizeTitle('WARNING in foo+0x1a/0x40 at ffff88801234abcd')).toBe('WARNING in foo at ADDR');
    expect(normalizeTitle('WARNING: fs/jfs/jfs_dmap.c:2867 at dbAdjTree, CPU#0: jfsCommit/112')).toBe(
      'WARNING: fs/jfs/jfs_dmap.c:LINE at dbAdjTree, CPU: jfsCommit/NUM',
    );
    expect(normalizeTitle('INFO: Allocated in fasync_helper age=12 cpu=0 pid=3')).toBe('INFO: Allocated in fasync_helper age=NUM cpu=NUM pid=NUM');
    // Digits inside identifiers stay.
    expect(normalizeTitle('general protection fault in nl802154_add_llsec_key')).toBe('general protection fault in nl802154_add_llsec_key');
    expect(normalizeTitle('bank 4', { numbers: false })).toBe('bank 4');
    // A shared library's version is part of its name.
    expect(normalizeTitle('glibc: free(): invalid pointer in libfontconfig.so.1 after 3 tries')).toBe(
      'glibc: free(): invalid pointer in libfontconfig.so.1 after NUM tries',
    );
  });

  it('replaces IPv6 addresses, full or compressed, but not times or C++ scopes', () => {
    expect(normalizeTitle('BUG: Address fc00:: on device lo is missing its host route.')).toBe('BUG: Address IPV6ADDR on device lo is missing its host route.');
    expect(normalizeTitle('route to 2001:0db8:85a3:0000:0000:8a2e:0370:7334 and fe80::1ff:fe23:4567:890a')).toBe('route to IPV6ADDR and IPV6ADDR');
    expect(normalizeTitle('hung at 10:27:35 in std::vector::push_back')).toBe('hung at NUM:NUM:NUM in std::vector::push_back');
  });

  it('drops control characters, collapses blanks and caps the length', () => {
    expect(normalizeTitle('a\t\tb\u0001c   d')).toBe('a bc d');
    expect(normalizeTitle('x'.repeat(300))).toHaveLength(120);
  });
});

describe('long titles', () => {
  it('shorten the message and keep the place named at the end', () => {
    const t = normalizeTitle(`panic: runtime error: invalid memory address or nil pointer dereference ${'x'.repeat(80)} in github.com/acme/book.(*Book).Apply`);
    expect(t).toHaveLength(120);
    expect(t).toMatch(/^panic: runtime error: invalid memory address .* in github\.com\/acme\/book\.\(\*Book\)\.Apply$/);
    // a title that names no place is cut at its end
    expect(normalizeTitle(`glibc: ${'y'.repeat(200)}`)).toBe(`glibc: ${'y'.repeat(113)}`);
  });

  it('are read only as far as a title can reach: a 200 KB panic message is no slower than a short one', () => {
    const message = `panic: ${'a'.repeat(200_000)} in main.main`;
    expect(normalizeTitle(message)).toBe(`panic: ${'a'.repeat(100)} in main.main`);
  });
});

describe('signatures', () => {
  it('depends on kind and title, shows the guilty frames', () => {
    const a = makeSignature('kasan', 'KASAN: use-after-free Read in f', ['f']);
    expect(a).toMatch(/^[0-9a-f]{12}:kasan:f$/);
    expect(makeSignature('kasan', 'KASAN: use-after-free Write in f', ['f'])).not.toBe(a);
    expect(makeSignature('kasan', 'KASAN: use-after-free Read in f', ['f'])).toBe(a);
    expect(makeSignature('warning', 'WARNING: foo', [])).toMatch(/:warning:-$/);
  });

  it('is stable across builds and load addresses', () => {
    const build1 = `[   12.1] WARNING: CPU: 0 PID: 1 at net/core/dev.c:100 dev_watchdog+0x22c/0x244
[   12.1] RIP: 0010:dev_watchdog+0x22c/0x244
[   12.1] Call Trace:
[   12.1]  [<ffffffff81a0c0de>] call_timer_fn.isra.3+0x1a/0x80`;
    const build2 = `[ 9999.9] WARNING: CPU: 7 PID: 4242 at net/core/dev.c:117 dev_watchdog+0x1f0/0x260
[ 9999.9] RIP: 0010:dev_watchdog+0x1f0/0x260
[ 9999.9] Call Trace:
[ 9999.9]  [<ffffffff9b0c10aa>] call_timer_fn.constprop.0+0x22/0x90`;
    const [a] = findCrashes(build1);
    const [b] = findCrashes(build2);
    expect(a?.signature).toBeDefined();
    expect(a?.signature).toBe(b?.signature);
    expect(a?.frames).toEqual(b?.frames);
  });
});

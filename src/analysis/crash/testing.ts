/** Test input builders shared by the kernel crash tests. */

/**
 * Prefixes each line with a dmesg time (and a printk caller id when given).
 * @example dmesg('Oops: 0000 [#1] SMP') // '[ 1000.000000] Oops: 0000 [#1] SMP'
 */
export function dmesg(body: string, caller = ''): string {
  return body
    .split('\n')
    .map((l, i) => `[ ${(1000 + i / 100).toFixed(6)}]${caller ? `[${caller}]` : ''} ${l}`)
    .join('\n');
}

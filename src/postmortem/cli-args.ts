/**
 * The words and options a verb of `pfa rca …`, `pfa curate` and `pfa postmortem` takes, checked
 * before it runs: a missing word, a word too many or an option the verb does not use is a usage
 * error (exit 2) instead of being silently ignored (`curate ID remove T20 T19` removing only T20).
 */
import type { Command } from 'commander';

export interface VerbSpec {
  /** How many words may follow the verb: [at least, at most] (Infinity for a list). */
  args: readonly [number, number];
  /** The options the verb uses, by commander's attribute name (`rootCause` for --root-cause). */
  options?: readonly string[];
  /** The verb's synopsis, e.g. `pfa curate ID remove ENTRY…`. */
  usage: string;
}

/**
 * Stops with a usage error (exit 2: commander's own kind, printed like its other usage errors).
 * @example usageError(cmd, 'usage: pfa curate ID mark ENTRY MARKER')
 */
export function usageError(cmd: Command, message: string): never {
  return cmd.error(`error: ${message}`, { code: 'pfa.usage', exitCode: 2 });
}

/**
 * The options given on the command line (not those left at a default).
 * @example givenOptions(cmd).map((o) => o.flag) // ['--root-cause']
 */
export function givenOptions(cmd: Command): Array<{ name: string; flag: string }> {
  return cmd.options
    .map((o) => ({ name: o.attributeName(), flag: o.long ?? o.flags }))
    .filter(({ name }) => cmd.getOptionValue(name) !== undefined && cmd.getOptionValueSource(name) !== 'default');
}

/**
 * Refuses words and options the verb does not take.
 * @example checkVerb(cmd, 'remove', args, { args: [1, Infinity], options: ['version'], usage: `pfa curate ${id} remove ENTRY…` })
 */
export function checkVerb(cmd: Command, verb: string, args: readonly string[], spec: VerbSpec): void {
  const [min, max] = spec.args;
  if (args.length < min) usageError(cmd, `usage: ${spec.usage}`);
  if (args.length > max) {
    const extra = args.slice(max);
    const takes = max === 0 ? 'no word' : `${min === max ? '' : 'at most '}${max} word${max === 1 ? '' : 's'}`;
    usageError(cmd, `${verb} takes ${takes} after it; unexpected ${extra.map((a) => `"${a}"`).join(' ')} (usage: ${spec.usage})`);
  }
  const stray = givenOptions(cmd).filter((o) => !(spec.options ?? []).includes(o.name));
  if (stray.length) usageError(cmd, `${stray.map((o) => o.flag).join(', ')} ${stray.length === 1 ? 'does' : 'do'} not apply to ${verb} (usage: ${spec.usage})`);
}

/**
 * The spec of `verb` after checking its words and options; an unknown verb is a usage error too.
 * @example const spec = verbSpec(cmd, { show: { args: [0, 0], usage: 'pfa curate ID' } }, verb ?? 'show', args);
 */
export function verbSpec(cmd: Command, specs: Readonly<Record<string, VerbSpec>>, verb: string, args: readonly string[]): VerbSpec {
  const spec = Object.hasOwn(specs, verb) ? specs[verb] : undefined;
  if (!spec) return usageError(cmd, `unknown verb "${verb}": expected ${Object.keys(specs).join(', ')}`);
  checkVerb(cmd, verb, args, spec);
  return spec;
}

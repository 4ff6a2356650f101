/** Reads the optional configuration file (YAML or JSON): --config, else $PFA_CONFIG, else defaults. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../shared/errors.js';
import { zodIssues } from '../shared/validation.js';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema.js';

export function loadConfig(file: string | undefined = process.env.PFA_CONFIG): Config {
  if (!file) return DEFAULT_CONFIG;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`cannot read config ${file}: ${(err as Error).message}`);
  }
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issues = zodIssues(result.error);
    throw new InputError(`invalid config ${file}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
  }
  return result.data;
}

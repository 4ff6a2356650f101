/**
 * JSON or YAML text given to a command (an incident's fields from a file). Apart from input.ts,
 * which every command loads: the YAML parser is a quarter of a megabyte of code that only the
 * commands reading such files need to compile.
 */
import { parse as parseYaml } from 'yaml';
import { InputError } from '../shared/errors.js';

/** Parses JSON or YAML text (JSON is YAML, but JSON errors read better from JSON.parse). */
export function parseStructured(text: string, name: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new InputError(`${name} is not valid JSON: ${(err as Error).message}`);
    }
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new InputError(`${name} is not valid YAML: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
}

/** Build step (`npm run build`): writes the command index (command-index.ts) from every command module. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commandIndex, INDEX_URL } from './command-index.js';
import { buildProgram } from './main.js';

const program = await buildProgram(null, { index: false });
writeFileSync(fileURLToPath(INDEX_URL), `${JSON.stringify(commandIndex(program), null, 1)}\n`);

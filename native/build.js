// Builds the native addon (binding.gyp: native/*.c) on `npm ci`, with node-gyp against this
// Node's own headers: the npm config's nodedir, else the headers installed beside node. They are
// never downloaded, and a machine without them or without a C compiler skips the addon: every
// path it speeds up has a portable one (the WebAssembly prescan), which pfa then uses.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const prefix = path.resolve(path.dirname(process.execPath), '..');
const nodedir = process.env.npm_config_nodedir || (existsSync(path.join(prefix, 'include/node/node_api.h')) ? prefix : null);
const gyp = process.env.npm_config_node_gyp || path.join(prefix, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');

const skip = (why) => {
  console.warn(`pfa: native addon not built (${why}); the portable paths (the WebAssembly prescan, the JavaScript skimmers) are used instead.`);
  process.exit(0);
};
if (process.env.PFA_NATIVE === '0') skip('PFA_NATIVE=0');
if (!nodedir) skip("no Node.js headers on this machine (set npm's nodedir to build against them)");
if (!existsSync(gyp)) skip('node-gyp not found');
// node-gyp's own output (some forty lines of `gyp info`) is shown only when the build fails.
const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${nodedir}`], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
if (r.status !== 0) {
  process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
  skip(`node-gyp exited with ${r.status ?? r.signal}`);
}
console.log('pfa: native addon built (build/Release/pfa_native.node)');

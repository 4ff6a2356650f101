/** Where `pfa serve` listens by default: loopback only (see serve.ts). Apart, so that `pfa serve --help` loads no server code. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

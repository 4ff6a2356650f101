/**
 * What a source becomes as evidence before it is stored: a URL, a file, or text uploaded over the
 * API. `pfa evidence add` and the evidence routes prepare it here, so that the same file gets the same
 * id (and is attached once) whichever way it came.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { InputError } from '../shared/errors.js';
import { describeFile, readHead, storedForm } from './files.js';
import type { NewEvidence } from './service.js';
import { sniffSource } from './timeline/sniff.js';

/** How much of a file format sniffing looks at (as readHead reads it). */
const HEAD_CHARS = 65_536;

/**
 * Whether a source names a URL (any scheme-like prefix), as opposed to a file path.
 * @example isUrlSource('https://grafana.example.com/d/abc') === true
 */
export function isUrlSource(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(src);
}

/**
 * URL evidence: only a complete http(s) URL; its id is derived from it, so adding it again is a no-op.
 * @example urlEvidence('SYS-20251119-001', 'https://grafana.example.com/d/abc').id // 'url-…-SYS-20251119-001'
 */
export function urlEvidence(incidentId: string, src: string): NewEvidence {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    throw new InputError(`invalid URL "${src.slice(0, 200)}": expected e.g. https://grafana.example.com/d/abc`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`invalid URL "${src.slice(0, 200)}": only http and https are supported`);
  const digest = createHash('sha256').update(url.href).digest('hex').slice(0, 12);
  return { id: `url-${digest}-${incidentId}`, kind: 'url', name: url.href, incidentId, metadata: { url: url.href } };
}

/** File evidence ids name the content, so that attaching the same bytes twice is a no-op. */
const fileId = (sha256: string, incidentId: string) => `file-${sha256.slice(0, 12)}-${incidentId}`;

/**
 * A file as evidence: by reference with size and checksum, its content stored when small (files.ts).
 * @example const e = await fileEvidence('SYS-20251119-001', '/var/log/syslog'); e.metadata?.source_kind // 'log'
 */
export async function fileEvidence(incidentId: string, src: string): Promise<NewEvidence> {
  const f = await describeFile(src);
  const head = f.content !== undefined && f.encoding === undefined ? f.content : await readHead(f.path);
  return {
    id: fileId(f.sha256, incidentId),
    kind: 'file',
    name: basename(f.path),
    incidentId,
    size: f.size,
    sha256: f.sha256,
    ...(f.content !== undefined ? { content: f.content } : {}),
    metadata: { path: f.path, source_kind: sniffSource(f.path, head), stored: f.content !== undefined, ...(f.encoding ? { encoding: f.encoding } : {}) },
  };
}

/**
 * Text sent over the API as evidence: always stored (there is no file to refer to), with the id a
 * file of the same bytes gets, so an upload of a log the CLI attached already is the same evidence.
 * @example uploadEvidence('SYS-20251119-001', { name: 'gw.log', content: '2025-11-26 10:27:36 ERROR …\n' })
 */
export function uploadEvidence(incidentId: string, upload: { name: string; content: string }): NewEvidence {
  // A lone UTF-16 surrogate has no UTF-8 form: the bytes stored would not be the ones hashed.
  if (/\p{Cs}/u.test(upload.content)) throw new InputError('content holds an unpaired UTF-16 surrogate: it is not text');
  const sha256 = createHash('sha256').update(upload.content, 'utf8').digest('hex');
  return {
    id: fileId(sha256, incidentId),
    kind: 'file',
    name: upload.name,
    incidentId,
    size: Buffer.byteLength(upload.content, 'utf8'),
    sha256,
    content: upload.content,
    metadata: { source_kind: sniffSource(upload.name, upload.content.slice(0, HEAD_CHARS)), stored: true, uploaded: true },
  };
}

/**
 * Bytes sent over the API as evidence (base64 in the request): stored as a file of those bytes would
 * be, as text when they are clean UTF-8 and as base64 otherwise (a Latin-1 log, NULs left by a crash),
 * under the id a file of the same bytes gets.
 * @example uploadBytes('SYS-20251119-001', { name: 'gw.log', bytes: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) }).metadata?.encoding // 'base64'
 */
export function uploadBytes(incidentId: string, upload: { name: string; bytes: Buffer }): NewEvidence {
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const { content, encoding } = storedForm(upload.bytes);
  const head = new TextDecoder('utf-8', { fatal: false }).decode(upload.bytes.subarray(0, HEAD_CHARS));
  return {
    id: fileId(sha256, incidentId),
    kind: 'file',
    name: upload.name,
    incidentId,
    size: upload.bytes.length,
    sha256,
    content,
    metadata: { source_kind: sniffSource(upload.name, head), stored: true, uploaded: true, ...(encoding ? { encoding } : {}) },
  };
}


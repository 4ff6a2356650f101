import { describe, expect, it } from 'vitest';
import { rawTopLevelValue } from './jsonraw.js';
import { parseLogText } from './parser.js';
import type { LogRecord } from './types.js';

const records = (text: string): LogRecord[] =>
  parseLogText(text).results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));

describe('JSON lines', () => {
  it('keeps every digit of an epoch-nanosecond integer beyond 2^53', () => {
    const [r] = records('{"ts":1764152855123456789,"level":"warn","msg":"slow disk","logger":"io","pid":42}');
    expect(r).toMatchObject({ ns: 1764152855123456789n, timestamp: '2025-11-26T10:27:35.123456789Z', level: 'warn', message: 'slow disk', component: 'io', pid: '42', format: 'json' });
    // JSON.parse alone would have rounded it
    expect(String(JSON.parse('1764152855123456789'))).not.toBe('1764152855123456789');
  });

  it('reads epoch s/ms/µs as numbers or strings, and RFC 3339 with an offset', () => {
    const rs = records([
      '{"time":1764152855.25,"severity":"ERROR","message":"a"}',
      '{"timestamp":1764152855123,"lvl":"info","msg":"b"}',
      '{"t":"1764152855123456","level":50,"msg":"c"}',
      '{"@timestamp":"2025-11-26T11:27:35.5+01:00","log.level":"debug","message":"d"}',
      '{"ts":"2025-11-26 10:27:35,120","level":3,"msg":{"nested":true}}',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.level, r.message])).toEqual([
      ['2025-11-26T10:27:35.25Z', 'error', 'a'],
      ['2025-11-26T10:27:35.123Z', 'info', 'b'],
      ['2025-11-26T10:27:35.123456Z', 'error', 'c'],
      ['2025-11-26T10:27:35.5Z', 'debug', 'd'],
      ['2025-11-26T10:27:35.120Z', 'error', '{"nested":true}'],
    ]);
  });

  it('marks broken JSON malformed and other lines continuation', () => {
    const { results, stats } = parseLogText('{"ts":1,"msg":"a"}\n{"ts":2,"msg":\n  at stack frame\n');
    expect(results.map((r) => r.kind)).toEqual(['record', 'rejected', 'continuation']);
    expect(stats.rejected).toEqual({ malformed: 1 });
  });

  it("reads the klog lines `kubectl logs` interleaves with a pod's JSON records, in the records' year", () => {
    const { results, stats } = parseLogText(
      [
        '{"level":"info","ts":"2025-03-12T10:15:00.269Z","msg":"lease acquired"}',
        'I0312 10:15:00.678000       1 reflector.go:255] Listing and watching *v1.Pod',
        '{"level":"error","ts":"2025-03-12T10:15:00.832Z","msg":"failed to connect to redis"}',
        'E0312 10:15:01.100000       1 leaderelection.go:330] error retrieving resource lock',
        'not a record at all',
      ].join('\n'),
      { latest: BigInt(Date.UTC(2026, 10, 22)) * 1_000_000n },
    );
    expect(stats.format).toBe('json');
    expect(results.map((r) => (r.kind === 'record' ? [r.record.timestamp, r.record.level] : r.kind))).toEqual([
      ['2025-03-12T10:15:00.269Z', 'info'],
      ['2025-03-12T10:15:00.678000Z', 'info'],
      ['2025-03-12T10:15:00.832Z', 'error'],
      ['2025-03-12T10:15:01.100000Z', 'error'],
      'rejected',
    ]);
    expect(stats.flagged).toEqual({});
    // a text log with a stray JSON line stays a text log
    const text = ['2025-03-12 10:15:00,001 INFO [main] a.B - up', '{"note":"payload"}', '2025-03-12 10:15:01,001 ERROR [main] a.B - down'].join('\n');
    expect(parseLogText(text).stats.format).toBe('text');
  });

  it('finds the raw text of top-level values only', () => {
    expect(rawTopLevelValue('{"a":{"ts":1},"s":"ts\\"","ts":12345678901234567890}', 'ts')).toBe('12345678901234567890');
    expect(rawTopLevelValue('{"a":[1,{"ts":2}]}', 'ts')).toBeNull();
    expect(rawTopLevelValue('{ "t\\u0073" : 7 , "x":1}', 'ts')).toBe('7');
    expect(rawTopLevelValue('{"tsx":1,"ts":-2.5e3}', 'ts')).toBe('-2.5e3');
  });

  it('finds the fields of each line by its own keys when the key set changes from line to line', () => {
    const rs = records([
      '{"ts":1764152855,"level":"info","msg":"a","host":"h1"}',
      '{"msg":"b","Level":"error","TS":1764152856,"hostname":"h2"}',
      '{"ts":1764152857,"level":"info","msg":"c","host":"h3"}',
      '{"level":"warn","ts":1764152858,"message":"d","msg":"e","lvl":"error"}',
      '{"time":"2025-11-26T10:27:39Z","severity":30,"log":"f"}',
      '{"ts":1764152860,"log":{"level":"crit"},"text":"g"}',
    ].join('\n'));
    expect(rs.map((r) => [r.ns, r.level, r.message, r.host ?? null])).toEqual([
      [1764152855000000000n, 'info', 'a', 'h1'],
      [1764152856000000000n, 'error', 'b', 'h2'],
      [1764152857000000000n, 'info', 'c', 'h3'],
      [1764152858000000000n, 'warn', 'e', null],
      [1764152859000000000n, 'info', 'f', null],
      // `log` names the message before `text` does, and its object's level is the line's.
      [1764152860000000000n, 'crit', '{"level":"crit"}', null],
    ]);
  });

  it("reads log4j2's JsonLayout, Serilog's compact format and structlog's event", () => {
    const log4j2 = records([
      '{"instant":{"epochSecond":1764152855,"nanoOfSecond":123456789},"thread":"main","level":"ERROR","loggerName":"com.acme.Router","message":"venue down","endOfBatch":false}',
      '{"timeMillis":1764152856250,"thread":"main","level":"WARN","loggerName":"com.acme.Router","message":"retrying"}',
    ].join('\n'));
    expect(log4j2.map((r) => [r.timestamp, r.level, r.message, r.thread])).toEqual([
      ['2025-11-26T10:27:35.123456789Z', 'error', 'venue down', 'main'],
      ['2025-11-26T10:27:36.250Z', 'warn', 'retrying', 'main'],
    ]);
    // CLEF leaves @l out for Information; @m is the rendered message, @mt its template
    const clef = records([
      '{"@t":"2025-11-26T10:27:35.1234567Z","@mt":"Order {Id} rejected","@m":"Order 4711 rejected","@l":"Error","Id":4711}',
      '{"@t":"2025-11-26T10:27:36.0000000Z","@mt":"Heartbeat"}',
    ].join('\n'));
    expect(clef.map((r) => [r.timestamp, r.level, r.message])).toEqual([
      ['2025-11-26T10:27:35.1234567Z', 'error', 'Order 4711 rejected'],
      ['2025-11-26T10:27:36.0000000Z', null, 'Heartbeat'],
    ]);
    expect(records('{"event":"order rejected","level":"error","timestamp":"2025-11-26T10:27:35.123Z","logger":"oms"}')[0]).toMatchObject({ level: 'error', message: 'order rejected', component: 'oms' });
    // a message key still wins over an event type
    expect(records('{"ts":1764152855,"event":"order_rejected","msg":"price out of band"}')[0]?.message).toBe('price out of band');
    // an instant out of range is no time
    expect(records('{"instant":{"epochSecond":1764152855,"nanoOfSecond":1000000000},"message":"x"}')[0]?.timestamp).toBeNull();
  });

  it("reads Google Cloud Logging's LogEntry: textPayload or jsonPayload's own message, its times to the nanosecond, its severities", () => {
    const rs = records([
      '{"textPayload":"boom failed","severity":"ERROR","timestamp":"2025-11-26T10:27:35.123456789Z","resource":{"type":"k8s_container"}}',
      '{"jsonPayload":{"message":"slow order","latency_ms":812},"severity":"WARNING","timestamp":{"seconds":1764152856,"nanos":5000},"logName":"x"}',
      // protobuf writes an int64 as a string; without a timestamp the entry has when Logging received it
      '{"jsonPayload":{"msg":"book rebuilt"},"severity":"NOTICE","timestamp":{"seconds":"1764152857"},"receiveTimestamp":"2025-11-26T10:27:38Z"}',
      '{"jsonPayload":{"venue":"XNAS","state":"down"},"severity":"ALERT","receiveTimestamp":"2025-11-26T10:27:39.000000001Z"}',
      '{"textPayload":"disk gone","severity":"EMERGENCY","timestamp":"2025-11-26T10:27:40.5Z"}',
      '{"textPayload":"no severity given","severity":"DEFAULT","timestamp":"2025-11-26T10:27:41Z"}',
      '{"textPayload":"rank","severity":"CRITICAL","timestamp":"2025-11-26T10:27:42Z"}',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.level, r.message])).toEqual([
      ['2025-11-26T10:27:35.123456789Z', 'error', 'boom failed'],
      ['2025-11-26T10:27:36.000005000Z', 'warn', 'slow order'],
      ['2025-11-26T10:27:37.000000000Z', 'notice', 'book rebuilt'],
      ['2025-11-26T10:27:39.000000001Z', 'alert', '{"venue":"XNAS","state":"down"}'],
      ['2025-11-26T10:27:40.5Z', 'emerg', 'disk gone'],
      ['2025-11-26T10:27:41Z', null, 'no severity given'],
      ['2025-11-26T10:27:42Z', 'crit', 'rank'],
    ]);
    expect(rs.every((r) => r.flags === undefined)).toBe(true);
    // seconds and nanos out of range, or seconds too long to be seconds, are no time
    for (const t of ['{"seconds":1764152856,"nanos":1000000000}', '{"seconds":-1}', '{"seconds":176415285600}', '{"seconds":"soon"}', '{"seconds":1.5}']) {
      expect(records(`{"textPayload":"x","timestamp":${t}}`)[0]?.flags, t).toEqual(['no_time']);
    }
  });

  it("reads MongoDB's structured log: its `s` letter as a string, never a number", () => {
    const rs = records([
      '{"t":{"$date":"2025-11-26T10:28:02.789+00:00"},"s":"E",  "c":"REPL", "id":21426, "ctx":"conn12","msg":"Error in heartbeat"}',
      '{"t":{"$date":"2025-11-26T10:28:04.000+00:00"},"s":"D1", "c":"COMMAND", "id":21965, "ctx":"conn13","msg":"About to run the command"}',
      '{"ts":1764152855,"s":3,"msg":"s is a count here"}',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.level, r.message])).toEqual([
      ['2025-11-26T10:28:02.789Z', 'error', 'Error in heartbeat'],
      ['2025-11-26T10:28:04.000Z', 'debug', 'About to run the command'],
      ['2025-11-26T10:27:35Z', null, 's is a count here'],
    ]);
  });

  it("reads PostgreSQL's jsonlog: its level under error_severity, LOG as info, PANIC as fatal", () => {
    const rs = records([
      '{"timestamp":"2025-11-26 10:27:35.123 UTC","user":"app","dbname":"orders","pid":12345,"error_severity":"ERROR","state_code":"23505","message":"duplicate key value violates unique constraint \\"orders_pkey\\"","backend_type":"client backend"}',
      '{"timestamp":"2025-11-26 10:27:36.000 UTC","pid":999,"error_severity":"LOG","message":"checkpoint starting: time","backend_type":"checkpointer"}',
      '{"timestamp":"2025-11-26 10:27:37.000 UTC","pid":1000,"error_severity":"PANIC","message":"could not write to file: No space left on device","backend_type":"walwriter"}',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.level, r.message])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'error', 'duplicate key value violates unique constraint "orders_pkey"'],
      ['2025-11-26T10:27:36.000Z', 'info', 'checkpoint starting: time'],
      ['2025-11-26T10:27:37.000Z', 'fatal', 'could not write to file: No space left on device'],
    ]);
  });
});

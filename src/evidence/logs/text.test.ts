import { describe, expect, it } from 'vitest';
import { parseLogText } from './parser.js';
import { createTextParser, learnProfile } from './text.js';
import type { LineResult, LogRecord } from './types.js';

const parse = (text: string, options = {}): LineResult[] => parseLogText(text, { year: 2025, ...options }).results;
const records = (text: string, options = {}): LogRecord[] => parse(text, options).flatMap((r) => (r.kind === 'record' ? [r.record] : []));

describe('text headers', () => {
  it('log4j/logback with thread, logger and a stack trace as continuation', () => {
    const results = parse([
      '2025-11-26 10:27:35,123 ERROR [main] com.acme.fix.Session - Logon rejected: bad SenderCompID',
      'java.lang.IllegalStateException: session not found',
      '\tat com.acme.fix.Session.logon(Session.java:42)',
      '2025-11-26 10:27:35,124 INFO  [worker-1] com.acme.fix.Session - 3 sessions up',
    ].join('\n'));
    expect(results.map((r) => r.kind)).toEqual(['record', 'continuation', 'continuation', 'record']);
    const first = results[0]?.kind === 'record' ? results[0].record : null;
    expect(first).toMatchObject({
      timestamp: '2025-11-26T10:27:35.123Z', level: 'error', rawLevel: 'ERROR', thread: 'main', component: 'com.acme.fix.Session',
      message: 'Logon rejected: bad SenderCompID', continuation: ['java.lang.IllegalStateException: session not found', '\tat com.acme.fix.Session.logon(Session.java:42)'],
    });
    expect(results[1]).toMatchObject({ kind: 'continuation', record: { line: 1 } });
    expect(results[3]?.kind === 'record' && results[3].record.message).toBe('3 sessions up');
  });

  it('Python logging, glog and spdlog', () => {
    expect(records('2025-11-26 10:27:35,123 - app.db - ERROR - Connection: refused')[0]).toMatchObject({
      level: 'error', component: 'app.db', message: 'Connection: refused',
    });
    expect(records('I1126 10:27:35.123456 12345 server.cc:42] Serving on :8080')[0]).toMatchObject({
      timestamp: '2025-11-26T10:27:35.123456Z', level: 'info', rawLevel: 'I', pid: '12345', component: 'server.cc:42', message: 'Serving on :8080',
    });
    const spd = records('[2025-11-26 10:27:35.123456] [error] order gateway down\n[2025-11-26 10:27:35.2] [fixgw] [warn] resend 3');
    expect(spd.map((r) => [r.timestamp, r.level, r.component, r.message])).toEqual([
      ['2025-11-26T10:27:35.123456Z', 'error', undefined, 'order gateway down'],
      ['2025-11-26T10:27:35.2Z', 'warn', 'fixgw', 'resend 3'],
    ]);
  });

  it('keeps the message whole after a header of bare fields and an epoch (HPC): its spacing and a leading `word:`', () => {
    const rs = records([
      '2568643 node-70 action start 1074119817 1 clusterAddMember  (command 1902)',
      '2575909 node-162 action start 1074178193 1 boot  (command 1911)',
      '2594656 node-D0 clusterfilesystem clusterfilesystem.no_server 1074279038 1 ClusterFileSystem: There is no server for domain storage234',
      '460131 node-104 node status 1145980510 1 warning',
      '2286759 full partition status 1061219795 -1 running',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.message])).toEqual([
      ['2004-01-14T22:36:57Z', 'clusterAddMember  (command 1902)'],
      ['2004-01-15T14:49:53Z', 'boot  (command 1911)'],
      ['2004-01-16T18:50:38Z', 'ClusterFileSystem: There is no server for domain storage234'],
      ['2006-04-25T15:55:10Z', 'warning'],
      ['2003-08-18T15:16:35Z', 'running'],
    ]);
    // a level word that ends the line is also its message; a bracketed one is only the level
    expect(rs[3]?.level).toBe('warn');
    expect(records('2025-11-26 10:27:36 [WARN]')[0]?.message).toBe('');
    // padding next to a level still makes a column: Windows CBS, and a pid before a level keeps `word:` a component
    expect(records('2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505')[0]?.message).toBe('Loaded Servicing Stack v6.1.7601.23505');
    expect(records('081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 terminating')[0]?.message).toBe('PacketResponder 1 terminating');
  });

  it("keeps PostgreSQL's `disconnection:`/`duration:` in the message after a level with its own colon, and a logger after a bare level", () => {
    const rs = records([
      '2025-03-12 10:00:01.123 UTC [1234] LOG:  disconnection: session time: 0:00:01.234 user=app database=orders',
      '2025-03-12 10:00:02.123 UTC [1235] LOG:  duration: 12.345 ms  statement: SELECT 1',
      '2025-03-12 10:00:03.123 UTC [1236] ERROR:  relation "foo" does not exist at character 15',
      '2025-03-12 10:00:04.123 UTC [1237] FATAL:  password authentication failed for user "app"',
    ].join('\n'));
    expect(rs.map((r) => [r.level, r.message])).toEqual([
      ['info', 'disconnection: session time: 0:00:01.234 user=app database=orders'],
      ['info', 'duration: 12.345 ms  statement: SELECT 1'],
      ['error', 'relation "foo" does not exist at character 15'],
      ['fatal', 'password authentication failed for user "app"'],
    ]);
    const py = records(['2025-03-12 10:00:05,001 INFO gateway: order accepted', '2025-03-12 10:00:06,002 WARNING risk: limit near'].join('\n'));
    expect(py.map((r) => [r.component, r.message])).toEqual([['gateway', 'order accepted'], ['risk', 'limit near']]);
  });

  it('reads Blue Gene RAS headers, FAILURE as a level in capitals only', () => {
    const rs = records([
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      '- 1118785868 2005.06.14 NULL 2005-06-14-14.51.08.361245 NULL RAS BGLMASTER FAILURE ciodb exited abnormally due to signal: Aborted',
    ].join('\n'));
    expect(rs.map((r) => [r.timestamp, r.level, r.message])).toEqual([
      ['2005-06-03T15:42:50.675872Z', 'info', 'instruction cache parity error corrected'],
      ['2005-06-14T14:51:08.361245Z', 'crit', 'ciodb exited abnormally due to signal: Aborted'],
    ]);
    expect(records('2025-11-26 10:27:35 failure to connect')[0]).toMatchObject({ level: null, message: 'failure to connect' });
  });

  it("takes a program's pid and architecture marks before ` - ` into the header (Proxifier)", () => {
    const rs = records([
      '[10.30 16:49:06] chrome.exe - proxy.example.edu:5070 open through proxy proxy.example.edu:5070 HTTPS',
      '[07.27 05:05:50] chrome.exe *64 - qa.example.com:443 error : Could not connect to proxy proxy.example.edu:5070 - connection attempt failed',
      '[07.27 05:05:51] multipass.exe (64924) *64 - resolve localhost : DNS',
    ].join('\n'));
    expect(rs.map((r) => r.message)).toEqual([
      'proxy.example.edu:5070 open through proxy proxy.example.edu:5070 HTTPS',
      'qa.example.com:443 error : Could not connect to proxy proxy.example.edu:5070 - connection attempt failed',
      'resolve localhost : DNS',
    ]);
    // only marks: other words before ` - ` stay in the message
    expect(records('2025-11-26 10:27:35 Connection reset by peer - retrying')[0]?.message).toBe('Connection reset by peer - retrying');
  });

  it('pipe-separated headers keep the message exactly, leading space included', () => {
    expect(records('20171223-22:16:0:150|Step_SPUtils|30002312| getTodayTotalDetailSteps = 1')[0]).toMatchObject({
      timestamp: '2017-12-23T22:16:00.150Z', component: 'Step_SPUtils', pid: '30002312', message: ' getTodayTotalDetailSteps = 1',
    });
  });

  it('a header with an epoch, a date and a yearless syslog time takes the year from the header', () => {
    const [r] = records('- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond(pam_unix)[2915]: session closed for user root', { year: 2030 });
    expect(r).toMatchObject({ timestamp: '2005-11-09T12:01:01Z', host: 'dn228/dn228', process: 'crond(pam_unix)', pid: '2915', message: 'session closed for user root' });
  });

  it("the file's profile keeps a message that starts like a header in the message", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `2025/11/26 10:27:${String(i).padStart(2, '0')} request ${i} served in 3ms`);
    lines.push('2025/11/26 10:28:00 ERROR 42 shutting down: signal received');
    const last = records(lines.join('\n')).at(-1);
    expect(last).toMatchObject({ level: null, message: 'ERROR 42 shutting down: signal received' });
    // without the profile the same line is read greedily
    expect(createTextParser(null).parse('2025/11/26 10:28:00 ERROR 42 shutting down: signal received')).toMatchObject({ rawLevel: 'ERROR', pid: '42' });
  });

  it('learns the token count before the timestamp and the common header shapes', () => {
    const profile = learnProfile(['- 1 x 2025-11-26 10:27:35 INFO a: b', 'L2 2 y 2025-11-26 10:27:36 WARN a: c', 'continuation text']);
    expect(profile).toMatchObject({ prefixTokens: 3, signatures: new Set(['PPPTLG']) });
    expect(profile?.prefixes.get('PPPTL')).toBe(2);
    expect(learnProfile(['no header at all'])).toBeNull();
  });
});

describe('head (what template mining reads)', () => {
  it("gives parse's time, year hint and message, null where parse finds no header", () => {
    const lines = [
      '2025-11-26 10:27:35,123 ERROR [main] com.acme.fix.Session - Logon rejected: bad SenderCompID   ',
      '1764152855 2025-11-26 Nov 26 10:27:35 gw-01 fixd[42]: resend request',
      'Nov 26 10:27:35 gw-01 fixd[42]: yearless, no hint',
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating',
      '\tat com.acme.fix.Session.logon(Session.java:42)',
      'no header at all',
    ];
    for (const profile of [null, learnProfile(lines)]) {
      const parser = createTextParser(profile);
      for (const line of lines) {
        const full = parser.parse(line);
        const head = parser.head?.(line);
        if (full === null) {
          expect(head).toBeNull();
          continue;
        }
        if (full === 'malformed') throw new Error('the text family never says malformed');
        expect({ ...head }).toEqual({ time: full.time, yearHint: full.yearHint ?? null, message: full.message });
      }
    }
    expect(createTextParser(null).head?.(lines[1] as string)?.yearHint).toBe(2025);
  });
});

describe('server and runtime headers beyond Loghub', () => {
  const rows = (lines: string[], options = {}): (string | null)[][] => records(lines.join('\n'), options).map((r) => [r.timestamp, r.level, r.message]);

  it('keeps a [bracket], number or `tag:` that only some lines have after the level as the message (Kafka, Apache 2.4, Go log)', () => {
    expect(rows([
      '[2025-11-26 10:27:35,456] INFO Starting (kafka.server.KafkaServer)',
      '[2025-11-26 10:27:36,001] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)',
      '[2025-11-26 10:28:01,200] ERROR [ReplicaManager broker=1] Error processing append operation on partition orders-0 (kafka.server.ReplicaManager)',
      '[2025-11-26 10:28:02,300] INFO Rolled new log segment (kafka.log.Log)',
    ])).toEqual([
      ['2025-11-26T10:27:35.456Z', 'info', 'Starting (kafka.server.KafkaServer)'],
      ['2025-11-26T10:27:36.001Z', 'info', '[KafkaServer id=1] started (kafka.server.KafkaServer)'],
      ['2025-11-26T10:28:01.200Z', 'error', '[ReplicaManager broker=1] Error processing append operation on partition orders-0 (kafka.server.ReplicaManager)'],
      ['2025-11-26T10:28:02.300Z', 'info', 'Rolled new log segment (kafka.log.Log)'],
    ]);
    // the [pid …] column is on every line; [client …] and the AH code are the message's
    expect(rows([
      '[Wed Nov 26 10:27:35.123456 2025] [mpm_event:notice] [pid 1234:tid 140312345678912] AH00489: Apache/2.4.58 configured -- resuming normal operations',
      '[Wed Nov 26 10:28:01.000012 2025] [core:error] [pid 1240:tid 140312300000000] [client 10.0.0.5:51234] AH00124: Request exceeded the limit of 10 internal redirects',
      '[Wed Nov 26 10:28:02.345678 2025] [proxy:error] [pid 1240:tid 140312300000000] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 failed',
      '[Wed Nov 26 10:28:06.2 2025] [core:trace3] [pid 1241:tid 140312311111111] request.c(297): [client 10.0.0.6:40000] request authorized',
    ])).toEqual([
      ['2025-11-26T10:27:35.123456Z', 'notice', 'AH00489: Apache/2.4.58 configured -- resuming normal operations'],
      ['2025-11-26T10:28:01.000012Z', 'error', '[client 10.0.0.5:51234] AH00124: Request exceeded the limit of 10 internal redirects'],
      ['2025-11-26T10:28:02.345678Z', 'error', '(111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:8080 failed'],
      ['2025-11-26T10:28:06.2Z', 'trace', 'request.c(297): [client 10.0.0.6:40000] request authorized'],
    ]);
    expect(rows([
      '2025/11/26 10:27:35 starting quote server on :9000',
      '2025/11/26 10:28:01 http: TLS handshake error from 10.0.0.5:51234: EOF',
      '2025/11/26 10:28:04 [ERROR] pool exhausted',
      '2025/11/26 10:28:06 reconnected',
    ]).map((r) => r.slice(1))).toEqual([
      [null, 'starting quote server on :9000'], [null, 'http: TLS handshake error from 10.0.0.5:51234: EOF'], ['error', 'pool exhausted'], [null, 'reconnected'],
    ]);
    // MySQL 8's labels: [Note] and [System] are info (its documentation's level for both)
    expect(rows([
      '2025-11-26T10:27:35.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.40) starting as process 1234',
      '2025-11-26T10:27:36.500000Z 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.',
      '2025-11-26T10:28:02.000002Z 0 [ERROR] [MY-012592] [InnoDB] Operating system error number 28 in a file operation.',
      '2025-11-26T10:28:02.000003Z 12 [Note] [MY-010914] [Server] Aborted connection 12 to db',
    ]).map((r) => r.slice(1))).toEqual([
      ['info', '/usr/sbin/mysqld (mysqld 8.0.40) starting as process 1234'], ['warn', 'CA certificate ca.pem is self signed.'],
      ['error', 'Operating system error number 28 in a file operation.'], ['info', 'Aborted connection 12 to db'],
    ]);
    // a number after the level on one line of many is the message's (gunicorn)
    expect(rows([
      '[2025-11-26 10:27:35 +0000] [1234] [INFO] Starting gunicorn 23.0.0',
      '[2025-11-26 10:27:35 +0000] [1240] [INFO] Booting worker with pid: 1240',
      '[2025-11-26 10:28:05 +0000] [1234] [CRITICAL] WORKER TIMEOUT (pid:1240)',
      '[2025-11-26 10:28:08 +0100] [1234] [DEBUG] 3 workers',
    ]).at(-1)).toEqual(['2025-11-26T09:28:08Z', 'debug', '3 workers']);
  });

  it("reads PostgreSQL's `%m [%p] %q%u@%d ` prefix and zone abbreviations", () => {
    expect(rows([
      '2025-11-26 10:27:35.123 UTC [1234] LOG:  database system is ready to accept connections',
      '2025-11-26 10:28:01.001 UTC [2001] trader@orders ERROR:  relation "positionz" does not exist at character 15',
      '2025-11-26 10:28:02.002 UTC [2002] [unknown]@[unknown] LOG:  connection received: host=10.0.0.5 port=51234',
      '2025-11-26 10:28:03.500 UTC [2003] trader@orders FATAL:  terminating connection due to administrator command',
      '2025-11-26 10:28:04.000 UTC [2006] trader@orders DETAIL:  Process 2006 waits for ShareLock on transaction 901.',
    ])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'info', 'database system is ready to accept connections'],
      ['2025-11-26T10:28:01.001Z', 'error', 'relation "positionz" does not exist at character 15'],
      ['2025-11-26T10:28:02.002Z', 'info', 'connection received: host=10.0.0.5 port=51234'],
      ['2025-11-26T10:28:03.500Z', 'fatal', 'terminating connection due to administrator command'],
      // The secondary line has the ERROR's prefix: stripped the same way; its label stays, it has no level.
      ['2025-11-26T10:28:04.000Z', null, 'DETAIL:  Process 2006 waits for ShareLock on transaction 901.'],
    ]);
    expect(rows(['2025-11-26 11:27:35.123 CET [1234] ERROR:  could not serialize access'], { tz: 'America/New_York' })).toEqual([
      ['2025-11-26T10:27:35.123Z', 'error', 'could not serialize access'],
    ]);
    // Each label of a line completing an error, whether the sample holds many such lines or one.
    const secondary = ['DETAIL', 'HINT', 'CONTEXT', 'STATEMENT', 'QUERY', 'LOCATION'].map((label) => `2025-11-26 10:28:05.000 UTC [2005] trader@orders ${label}:  x y`);
    const errors = Array.from({ length: 40 }, (_, i) => `2025-11-26 10:28:0${i % 10}.000 UTC [20${i}] trader@orders ERROR:  boom ${i}`);
    for (const lines of [secondary, [...errors, secondary[0] as string]]) {
      const recs = records(lines.join('\n'));
      expect(recs.at(-1)).toMatchObject({ level: null, component: 'trader@orders', message: `${lines.at(-1)?.split('trader@orders ')[1]}` });
    }
    expect(records(secondary.join('\n')).map((r) => r.message.split(':')[0])).toEqual(['DETAIL', 'HINT', 'CONTEXT', 'STATEMENT', 'QUERY', 'LOCATION']);
    // An upper-case label PostgreSQL does not write stays in the message with the word before it.
    expect(records('2025-11-26 10:28:05.000 UTC [2005] trader@orders NOTE:  x')[0]?.message).toBe('trader@orders NOTE:  x');
    // CST is US Central or China: the tz option decides
    expect(rows(['2025-11-26 18:27:35 CST [1] LOG:  x'], { tz: 'Asia/Shanghai' })[0]?.[0]).toBe('2025-11-26T10:27:35Z');
  });

  it("reads Spring Boot's `LEVEL pid --- [app] [thread] logger : msg`", () => {
    expect(rows([
      '2025-11-26T10:27:35.123+01:00  INFO 1234 --- [oms] [           main] com.acme.oms.Application                 : Starting Application v4.2.1',
      '2025-11-26T10:27:37.000+01:00  WARN 1234 --- [oms] [           main] ConfigServletWebServerApplicationContext : Exception encountered - cancelling refresh',
      '2025-11-26T10:28:04.000+01:00  WARN 1234 --- [oms] [nio-8080-exec-3] .m.m.a.ExceptionHandlerExceptionResolver : Resolved [x]',
      '2025-11-26T10:28:03.000+01:00 ERROR 1234 --- [oms] [nio-8080-exec-2] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception',
    ])).toEqual([
      ['2025-11-26T09:27:35.123Z', 'info', 'Starting Application v4.2.1'],
      ['2025-11-26T09:27:37.000Z', 'warn', 'Exception encountered - cancelling refresh'],
      ['2025-11-26T09:28:04.000Z', 'warn', 'Resolved [x]'],
      ['2025-11-26T09:28:03.000Z', 'error', 'Servlet.service() threw exception'],
    ]);
  });

  it("reads WildFly's (thread), padded pipes, zap's caller and a level written before the time", () => {
    const wildfly = records([
      '2025-11-26 10:27:35,123 ERROR [org.jboss.as.controller] (ServerService Thread Pool -- 68) WFLYCTL0013: Operation failed',
      '2025-11-26 10:27:36,000 INFO  [com.acme.oms.Router] (default task-1) order 4711 accepted',
    ].join('\n'));
    expect(wildfly.map((r) => [r.level, r.component, r.thread, r.message])).toEqual([
      ['error', 'org.jboss.as.controller', 'ServerService Thread Pool -- 68', 'WFLYCTL0013: Operation failed'],
      ['info', 'com.acme.oms.Router', 'default task-1', 'order 4711 accepted'],
    ]);
    expect(rows([
      '2025-11-26 10:27:35,123 | ERROR | main | com.acme.oms.Router | order 4711 rejected',
      '2025-11-26 10:27:36,000 | INFO  | pool-1-thread-3 | com.acme.md.Book | snapshot written',
    ])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'error', 'order 4711 rejected'],
      ['2025-11-26T10:27:36.000Z', 'info', 'snapshot written'],
    ]);
    const zap = records([
      '2025-11-26T10:27:35.123Z\tERROR\trouter/router.go:86\tvenue unreachable\t{"venue": "XNYS"}',
      '2025-11-26T10:27:36.000Z\tINFO\tcmd/main.go:12\tstarted',
    ].join('\n'));
    expect(zap.map((r) => [r.level, r.component, r.message])).toEqual([
      ['error', 'router/router.go:86', 'venue unreachable\t{"venue": "XNYS"}'],
      ['info', 'cmd/main.go:12', 'started'],
    ]);
    expect(rows([
      'ERROR [main] 2025-11-26 10:27:35,123 CassandraDaemon.java:745 - Exception encountered during startup',
      'INFO  [ScheduledTasks:1] 2025-11-26 10:27:36,000 StatusLogger.java:51 - Pool Name Active',
    ])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'error', 'Exception encountered during startup'],
      ['2025-11-26T10:27:36.000Z', 'info', 'Pool Name Active'],
    ]);
    // nginx's connection number after its `pid#tid:`; a `*` word after another tag stays the message's
    expect(rows([
      '2025/11/26 10:27:35 [error] 1234#0: *44 connect() failed (111: Connection refused) while connecting to upstream',
      '2025/11/26 10:27:36 [notice] 1234#0: signal process started',
    ])).toEqual([
      ['2025-11-26T10:27:35Z', 'error', 'connect() failed (111: Connection refused) while connecting to upstream'],
      ['2025-11-26T10:27:36Z', 'notice', 'signal process started'],
    ]);
    expect(records('2025-11-26 10:27:35,123 ERROR router: *44 is not a session')[0]?.message).toBe('*44 is not a session');
    // Look-alikes stay in the message: Apache's `(13)Permission`, a host and port after the level.
    expect(records('[Sun Dec 04 04:47:44 2005] [error] [client 1.2.3.4] (13)Permission denied: access denied')[0]?.message).toBe('(13)Permission denied: access denied');
    expect(records('2025-11-26 10:27:35,123 ERROR db.example.com:5432 unreachable')[0]?.message).toBe('db.example.com:5432 unreachable');
  });

  it('takes a word after the time for a host only when most lines have one there', () => {
    // Two lines in ten start their message with `word word:`, a time-host-tag shape: the message's all the same.
    const lines = Array.from({ length: 10 }, (_, i) =>
      i % 5 === 0 ? `[ERROR] 2025-11-26 10:27:3${i}.000 snapshot written: ${i} levels` : `[INFO] 2025-11-26 10:27:3${i}.000 order ${i} filled`);
    expect(records(lines.join('\n')).map((r) => [r.level, r.host, r.message])).toEqual(
      lines.map((l, i) => [i % 5 === 0 ? 'error' : 'info', undefined, l.slice(l.indexOf('.000 ') + 5)]),
    );
    // supervisord's level spellings
    expect(rows(['2025-11-26 10:27:35,123 DEBG fd 8 closed', '2025-11-26 10:27:36,000 BLAT read event'])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'debug', 'fd 8 closed'],
      ['2025-11-26T10:27:36.000Z', 'trace', 'read event'],
    ]);
  });

  it("reads Redis' severity marks, Rust env_logger's bracket and zerolog's console levels", () => {
    expect(rows([
      '1234:C 26 Nov 2025 10:27:35.123 # Redis version=7.2.4, just started',
      '1234:M 26 Nov 2025 10:27:35.124 * Ready to accept connections tcp',
      '1234:M 26 Nov 2025 10:28:01.500 . Client closed connection',
      '1234:M 26 Nov 2025 10:28:02.100 # Write error saving DB on disk: No space left on device',
    ])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'warn', 'Redis version=7.2.4, just started'],
      ['2025-11-26T10:27:35.124Z', 'notice', 'Ready to accept connections tcp'],
      ['2025-11-26T10:28:01.500Z', 'debug', 'Client closed connection'],
      ['2025-11-26T10:28:02.100Z', 'warn', 'Write error saving DB on disk: No space left on device'],
    ]);
    expect(rows([
      '[2025-11-26T10:27:35Z INFO  md_gateway] listening on 0.0.0.0:9000',
      '[2025-11-26T10:28:04.123456Z ERROR md_gateway::session] connection reset by peer',
    ])).toEqual([
      ['2025-11-26T10:27:35Z', 'info', 'listening on 0.0.0.0:9000'],
      ['2025-11-26T10:28:04.123456Z', 'error', 'connection reset by peer'],
    ]);
    expect(rows(['2025-11-26T10:28:02Z WRN stale quote venue=XLON', '2025-11-26T10:28:05Z FTL bye']).map((r) => r[1])).toEqual(['warn', 'fatal']);
  });

  it('reads a CRI container line: stream and F/P mark are header, never a level', () => {
    expect(rows([
      '2025-11-26T10:27:35.123456789Z stdout F Listening on :8080',
      '2025-11-26T10:27:35.223456789Z stderr F   indented',
      '2025-11-26T10:27:35.323456789Z stdout P part one',
      '2025-11-26T10:27:40.123Z stderr F ',
    ])).toEqual([
      ['2025-11-26T10:27:35.123456789Z', null, 'Listening on :8080'],
      ['2025-11-26T10:27:35.223456789Z', null, '  indented'],
      ['2025-11-26T10:27:35.323456789Z', null, 'part one'],
      ['2025-11-26T10:27:40.123Z', null, ''],
    ]);
  });
});

describe('headers that give the time of day only', () => {
  const full = (lines: string[], options = {}): [string | null, string | null, string | undefined, string | undefined, string, string[] | undefined][] =>
    records(lines.join('\n'), { date: '2025-11-26', ...options }).map((r) => [r.timestamp, r.level, r.thread, r.component, r.message, r.flags]);

  it("reads logback's and log4j2's console default, Elixir's and Serilog's, dated by --date", () => {
    expect(full([
      '10:27:35.123 [main] INFO  com.example.App - starting',
      '10:27:36.456 [pool-1-thread-2] ERROR com.example.OrderRouter - send failed: timeout',
      'java.net.SocketTimeoutException: Read timed out',
    ])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'info', 'main', 'com.example.App', 'starting', undefined],
      ['2025-11-26T10:27:36.456Z', 'error', 'pool-1-thread-2', 'com.example.OrderRouter', 'send failed: timeout', undefined],
    ]);
    expect(full(['10:27:35.123 [error] GenServer Orders terminating', '10:27:36.001 [info] restarted']).map((r) => r.slice(0, 2))).toEqual([
      ['2025-11-26T10:27:35.123Z', 'error'],
      ['2025-11-26T10:27:36.001Z', 'info'],
    ]);
    expect(full(['[10:27:35 INF] Starting web host', '[10:27:36 ERR] Unhandled exception']).map((r) => [r[0], r[1], r[4]])).toEqual([
      ['2025-11-26T10:27:35Z', 'info', 'Starting web host'],
      ['2025-11-26T10:27:36Z', 'error', 'Unhandled exception'],
    ]);
  });

  it('rolls over at midnight and flags the first line whose date was guessed', () => {
    const lines = ['23:59:59.500 [main] WARN  a.B - closing', '00:00:00.250 [main] ERROR a.B - boom'];
    expect(full(lines).map((r) => r[0])).toEqual(['2025-11-26T23:59:59.500Z', '2025-11-27T00:00:00.250Z']);
    const guessed = records(lines.join('\n'), { latest: BigInt(Date.UTC(2025, 10, 27, 1)) * 1_000_000n });
    expect(guessed.map((r) => [r.timestamp, r.flags])).toEqual([['2025-11-26T23:59:59.500Z', ['date_assumed']], ['2025-11-27T00:00:00.250Z', undefined]]);
  });

  it('takes a time of day for the header only at the start of the line', () => {
    const lines = ['worker 10:27:35 finished batch', 'worker 10:27:36 finished batch'];
    expect(parse(lines.join('\n')).map((r) => (r.kind === 'record' ? [r.record.format, r.record.timestamp] : r.kind))).toEqual([['plain', null], ['plain', null]]);
    // inside a dated header a clock reading stays the message's
    expect(records('2025-11-26 10:27:35,123 ERROR 10:27:30 was the last heartbeat')[0]?.message).toBe('10:27:30 was the last heartbeat');
  });
});

describe("PostgreSQL's csvlog", () => {
  const row = (time: string, rest: string): string => `${time},${rest}`;
  it('takes the row after the time: severity as the level, the message column as the message, the names', () => {
    const rs = records(
      [
        row('2025-11-26 10:27:35.123 UTC', '"app","orders",12345,"10.0.0.7:41234",6565a1b2.3039,1,"INSERT",2025-11-26 10:27:30 UTC,3/456,0,ERROR,23505,"duplicate key value violates unique constraint ""orders_pkey""","Key (id)=(42) already exists.",,,,,"INSERT INTO orders VALUES (42)",,,"psql","client backend",,0'),
        row('2025-11-26 10:27:36.000 UTC', ',,999,,6565a1b2.3e7,1,,2025-11-26 10:00:00 UTC,,0,LOG,00000,"checkpoint starting: time",,,,,,,,,"","checkpointer",,0'),
        // PostgreSQL 12's row ends at application_name; a newline in the message continues the record
        row('2025-11-26 10:27:37.000 UTC', ',,1000,,6565a1b2.3e8,1,,2025-11-26 10:00:00 UTC,,0,PANIC,XX000,"could not write to file ""pg_wal/xlogtemp.1000"":'),
        ' No space left on device",,,,,,,,,""',
        // a comma after the time that is not such a row stays the message
        '2025-11-26 10:27:38.000 UTC,ERROR,just two columns',
      ].join('\n'),
    );
    expect(rs.map((r) => [r.timestamp, r.level, r.rawLevel, r.message])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'error', 'ERROR', 'duplicate key value violates unique constraint "orders_pkey"'],
      ['2025-11-26T10:27:36.000Z', 'info', 'LOG', 'checkpoint starting: time'],
      ['2025-11-26T10:27:37.000Z', 'fatal', 'PANIC', 'could not write to file "pg_wal/xlogtemp.1000":'],
      ['2025-11-26T10:27:38.000Z', null, null, ',ERROR,just two columns'],
    ]);
    expect([rs[0]?.pid, rs[0]?.component, rs[0]?.extra]).toEqual(['12345', 'psql', { detail: 'Key (id)=(42) already exists.', query: 'INSERT INTO orders VALUES (42)' }]);
    expect([rs[1]?.pid, rs[1]?.component]).toEqual(['999', 'checkpointer']);
    expect(rs[2]?.continuation).toEqual([' No space left on device",,,,,,,,,""']);
  });
});

import { describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';

describe('Python tracebacks', () => {
  it('names the exception after the innermost frame, module.function, innermost first', () => {
    const log = `Traceback (most recent call last):
  File "/opt/oms/main.py", line 189, in <module>
    main()
  File "/opt/oms/main.py", line 164, in main
    c.activate()
  File "/opt/oms/session.py", line 75, in import_response
    self.key = response["key"]
KeyError: 'key'`;
    expect(findCrashes(log)).toMatchObject([
      {
        title: 'KeyError in session.import_response',
        kind: 'python-exception',
        frames: ['session.import_response', 'main.main', 'main.<module>'],
        message: "'key'",
        startLine: 0,
        endLine: 7,
      },
    ]);
  });

  it('blames the program, not the standard library or site-packages, and groups one bug across deployments', () => {
    const at = (root: string, line: number): string => `2024-03-11 09:31:05,417 ERROR md.feed: handler failed
Traceback (most recent call last):
  File "${root}/feed.py", line ${line}, in on_tick
    px = self.book[sym].mid()
  File "/usr/lib/python3.11/statistics.py", line 430, in mean
    T, total, n = _sum(data)
  File "${root}/venv/lib/python3.11/site-packages/numpy/core/_methods.py", line 49, in _sum
    return umr_sum(a, axis, dtype, out, keepdims, initial, where)
TypeError: unsupported operand type(s) for +: 'NoneType' and 'float'
2024-03-11 09:31:05,420 INFO md.feed: continuing`;
    const a = findCrashes(at('/opt/md', 88));
    const b = findCrashes(at('/srv/md-v2', 97));
    expect(a).toMatchObject([{ title: 'TypeError in feed.on_tick', startLine: 1, endLine: 8 }]);
    expect(b[0]?.signature).toBe(a[0]?.signature);
  });

  it('follows explicit causes to the root and stops at an exception raised while handling another', () => {
    const context = `Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/urllib3/connection.py", line 74, in create_connection
    sock.connect(sa)
ConnectionRefusedError: [Errno 111] Connection refused

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/opt/md/feed.py", line 41, in poll
    r = requests.get(url, timeout=2)
  File "/usr/lib/python3/dist-packages/requests/adapters.py", line 516, in send
    raise ConnectionError(e, request=request)
requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=8000): Max retries exceeded`;
    expect(findCrashes(context)).toMatchObject([{ title: 'requests.exceptions.ConnectionError in feed.poll', endLine: 12 }]);

    const cause = `Traceback (most recent call last):
  File "/opt/risk/limits.py", line 12, in load
    return json.loads(text)
ValueError: Expecting value: line 1 column 1 (char 0)

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/opt/risk/app.py", line 5, in start
    limits = load(path)
RuntimeError: bad limits file`;
    expect(findCrashes(cause)).toMatchObject([{ title: 'ValueError in limits.load', kind: 'python-exception' }]);
  });

  it('reads tracebacks behind container timestamps, and a package by its directory', () => {
    const log = [
      '2024-05-02T10:11:12.001234567Z INFO:root:loading',
      '2024-05-02T10:11:13.001234567Z Traceback (most recent call last):',
      '2024-05-02T10:11:13.001234567Z   File "/app/signals/__init__.py", line 8, in main',
      '2024-05-02T10:11:13.001234567Z     cfg = load(os.environ["SIGNALS_CFG"])',
      '2024-05-02T10:11:13.001234567Z   File "/usr/local/lib/python3.11/os.py", line 679, in __getitem__',
      '2024-05-02T10:11:13.001234567Z     raise KeyError(key) from None',
      "2024-05-02T10:11:13.001234567Z KeyError: 'SIGNALS_CFG'",
    ].join('\n');
    expect(findCrashes(log)).toMatchObject([{ title: 'KeyError in signals.main', frames: ['os.__getitem__', 'signals.main'] }]);
  });

  it("reads faulthandler's dump: the current thread's frames and the signal", () => {
    const log = `Apr 08 23:05:29 md01 feed[26736]: Fatal Python error: Segmentation fault
Apr 08 23:05:29 md01 feed[26736]: Thread 0x00007fcc704f6b20 (most recent call first):
Apr 08 23:05:29 md01 feed[26736]:   File "/usr/local/lib/python3.7/threading.py", line 870 in run
Apr 08 23:05:29 md01 feed[26736]: Current thread 0x00007fcc7119db20 (most recent call first):
Apr 08 23:05:29 md01 feed[26736]:   File "/opt/feed/decoder.py", line 169 in decode
Apr 08 23:05:29 md01 feed[26736]:   File "/usr/local/lib/python3.7/threading.py", line 870 in run
Apr 08 23:05:30 md01 systemd[1]: feed.service: Main process exited, code=dumped, status=11/SEGV`;
    expect(findCrashes(log)).toMatchObject([
      { title: 'Fatal Python error: Segmentation fault in decoder.decode', kind: 'signal', signal: 'SIGSEGV', frames: ['decoder.decode', 'threading.run'], endLine: 5 },
    ]);
  });

  it('takes ordinary lines that mention tracebacks for what they are', () => {
    const log = [
      '2024-03-11 09:30:05,000 DEBUG [main] Traceback collection disabled',
      'Traceback (most recent call last):',
      '2024-03-11 09:30:06,000 INFO [main] KeyError count: 0',
    ].join('\n');
    expect(findCrashes(log)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findCrashes, toCrashJson } from './index.js';

describe('sanitizer reports', () => {
  it('titles an AddressSanitizer report after the first frame outside the runtime', () => {
    const log = `=================================================================
==12345==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x0000004f5a3c bp 0x7ffd6b0e6f30 sp 0x7ffd6b0e6f28
READ of size 8 at 0x602000000010 thread T0
    #0 0x4f5a3b in Book::erase(unsigned long) /src/book.cc:42:5
    #1 0x4f6b12 in OrderBook::cancel(Order const&) /src/orderbook.cc:88:9
    #2 0x7f3c2a1e0d8f in __libc_start_call_main csu/../sysdeps/nptl/libc_start_call_main.h:58:16

0x602000000010 is located 0 bytes inside of 16-byte region [0x602000000010,0x602000000020)
freed by thread T0 here:
    #0 0x4c1a2d in operator delete(void*) (/app/matcher+0x4c1a2d)
    #1 0x4f59f0 in Book::clear() /src/book.cc:30:3

SUMMARY: AddressSanitizer: heap-use-after-free /src/book.cc:42:5 in Book::erase(unsigned long)
==12345==ABORTING`;
    const crashes = findCrashes(log);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({
      title: 'AddressSanitizer: heap-use-after-free in Book::erase',
      kind: 'asan',
      address: '0x602000000010',
      frames: ['Book::erase', 'OrderBook::cancel', '__libc_start_call_main'],
      startLine: 1,
      endLine: 12,
    });
  });

  it('reads ASan SEGV, TSan, LSan and UBSan reports', () => {
    const segv = `==7==ERROR: AddressSanitizer: SEGV on unknown address 0x000000000000 (pc 0x55d0c8e4a1b2 bp 0x7ffc9e1c2a10 sp 0x7ffc9e1c2a00 T0)
==7==The signal is caused by a READ memory access.
    #0 0x55d0c8e4a1b2 in parse_order /src/parse.c:17:12
    #1 0x55d0c8e4a3c4 in main /src/main.c:9:5
    #2 0x7f0f1c229d8f  (/lib/x86_64-linux-gnu/libc.so.6+0x29d8f) (BuildId: 69389d485a9793dbe873f0ea2c93e02efaa9aa3d)
SUMMARY: AddressSanitizer: SEGV /src/parse.c:17:12 in parse_order`;
    expect(findCrashes(segv)[0]).toMatchObject({ title: 'AddressSanitizer: SEGV in parse_order', signal: 'SIGSEGV', address: '0x000000000000' });

    const tsan = `==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Write of size 4 at 0x55f1c2b3a010 by thread T1:
    #0 Counter::inc() /src/counter.cc:12:9 (gateway+0x4b2e1c)
    #1 worker(void*) /src/main.cc:20:5 (gateway+0x4b2f00)

  Previous read of size 4 at 0x55f1c2b3a010 by main thread:
    #0 Counter::get() const /src/counter.cc:8:12 (gateway+0x4b2d10)

SUMMARY: ThreadSanitizer: data race /src/counter.cc:12:9 in Counter::inc()
==================`;
    const t = findCrashes(tsan);
    // Not also taken for a kernel WARNING.
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ title: 'ThreadSanitizer: data race in Counter::inc', kind: 'tsan', frames: ['Counter::inc', 'worker'] });

    const lsan = `==99==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 64 byte(s) in 1 object(s) allocated from:
    #0 0x4c0b3d in malloc (/app/feed+0x4c0b3d)
    #1 0x4f1a2e in make_quote /src/quote.c:21:19
    #2 0x4f1c0d in main /src/main.c:14:3

SUMMARY: AddressSanitizer: 64 byte(s) leaked in 1 allocation(s).`;
    expect(findCrashes(lsan)[0]).toMatchObject({ title: 'LeakSanitizer: detected memory leaks in make_quote', kind: 'lsan' });

    const ubsan = `/src/risk.cc:57:21: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'
    #0 0x4a1b2c in Risk::exposure(int) /src/risk.cc:57:21
    #1 0x4a1c00 in main /src/main.cc:5:3`;
    expect(findCrashes(ubsan)[0]).toMatchObject({
      title: 'UndefinedBehaviorSanitizer: signed integer overflow in Risk::exposure',
      kind: 'ubsan',
      message: "signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'",
    });
    const ubsanNoStack = '/src/risk.cc:57:21: runtime error: load of null pointer of type \'int\'';
    expect(findCrashes(ubsanNoStack)[0]?.title).toBe("UndefinedBehaviorSanitizer: load of null pointer of type 'int' in risk.cc");
  });
});

describe('native crashes', () => {
  it('takes numbered build steps for what they are, not a gdb backtrace', () => {
    const log = ['#0 building with "default" instance using docker driver', '', '#1 [internal] load build definition from Dockerfile', '#1 transferring dockerfile: 612B done', '#1 DONE 0.0s'].join('\n');
    expect(findCrashes(log)).toEqual([]);
    expect(findCrashes('#0  parse_order (buf=0x0) at parse.c:12\n#1  0x00005555555551c2 in main () at main.c:41')[0]?.frames).toEqual(['parse_order', 'main']);
  });

  it('reads a gdb backtrace pasted into a log', () => {
    const log = `2024-03-01T12:00:00Z matcher started
Program received signal SIGSEGV, Segmentation fault.
0x000055555555518d in parse_order (buf=0x0) at parse.c:12
12	  return buf[0];
#0  0x000055555555518d in parse_order (buf=0x0) at parse.c:12
#1  0x00005555555551c2 in handle_message (msg=0x5555555592a0) at main.c:20
#2  0x0000555555555260 in main () at main.c:41
next unrelated line
another
and another`;
    const [c] = findCrashes(log);
    expect(c).toMatchObject({
      title: 'SIGSEGV in parse_order',
      kind: 'signal',
      signal: 'SIGSEGV',
      frames: ['parse_order', 'handle_message', 'main'],
      startLine: 1,
      endLine: 6,
    });
  });

  it('names glibc aborts after the caller in the glibc backtrace and demangles it', () => {
    const log = `*** Error in \`./gateway': double free or corruption (fasttop): 0x0000000001c2e010 ***
======= Backtrace: =========
/lib/x86_64-linux-gnu/libc.so.6(+0x777e5)[0x7f3b6f6a87e5]
/lib/x86_64-linux-gnu/libc.so.6(cfree+0x4c)[0x7f3b6f6b553c]
./gateway(_ZN7Session5closeEv+0x2e)[0x400b2d]
./gateway(main+0x41)[0x400c11]
======= Memory map: ========
00400000-00401000 r-xp 00000000 08:01 1234 /app/gateway`;
    expect(findCrashes(log)[0]).toMatchObject({
      title: 'glibc: double free or corruption (fasttop) in Session::close',
      kind: 'glibc-abort',
      signal: 'SIGABRT',
      endLine: 6,
    });
    expect(findCrashes('free(): double free detected in tcache 2\nAborted (core dumped)')[0]?.title).toBe(
      'glibc: free(): double free detected in tcache NUM',
    );
    expect(findCrashes('*** stack smashing detected ***: terminated')[0]?.title).toBe('glibc: stack smashing detected');
  });

  it('reads failed assertions and uncaught C++ exceptions', () => {
    const assertion = "matcher: book.cc:42: void Book::erase(std::size_t): Assertion `idx < levels_.size()' failed.\nAborted (core dumped)";
    expect(findCrashes(assertion)[0]).toMatchObject({ title: "Assertion `idx < levels_.size()' failed in Book::erase", kind: 'assert' });
    const terminate = `terminate called after throwing an instance of 'std::out_of_range'
  what():  vector::_M_range_check: __n (which is 5) >= this->size() (which is 3)
Aborted (core dumped)`;
    expect(findCrashes(terminate)[0]).toMatchObject({
      // Without a frame to name, what() tells one std::out_of_range from another.
      title: 'uncaught exception std::out_of_range: vector::_M_range_check',
      kind: 'cpp-exception',
      message: 'vector::_M_range_check: __n (which is 5) >= this->size() (which is 3)',
      endLine: 2,
    });
  });

  it('reads each abort of a process that keeps restarting as a crash of its own', () => {
    const log = [
      'worker-3 starting batch 77',
      'free(): double free detected in tcache 2',
      'Aborted (core dumped)',
      'worker-4 starting batch 78',
      'malloc(): corrupted top size',
      'Aborted (core dumped)',
      "terminate called after throwing an instance of 'std::runtime_error'",
      '  what():  feed closed',
      'Aborted (core dumped)',
    ].join('\n');
    expect(findCrashes(log).map((c) => [c.title, c.startLine, c.endLine])).toEqual([
      ['glibc: free(): double free detected in tcache NUM', 1, 2],
      ['glibc: malloc(): corrupted top size', 4, 5],
      ['uncaught exception std::runtime_error: feed closed', 6, 8],
    ]);
  });

  it('names an uncaught exception after the frame of the gdb backtrace that follows it', () => {
    const log = `terminate called after throwing an instance of 'std::out_of_range'
  what():  vector::_M_range_check: __n (which is 9) >= this->size() (which is 3)

Program received signal SIGABRT, Aborted.
__pthread_kill_implementation (no_tid=0, signo=6, threadid=139) at ./nptl/pthread_kill.c:44
#0  __pthread_kill_implementation (no_tid=0, signo=6, threadid=139) at ./nptl/pthread_kill.c:44
#1  0x00007f in __GI_raise (sig=sig@entry=6) at ../sysdeps/posix/raise.c:26
#2  0x00007f in __GI_abort () at ./stdlib/abort.c:79
#3  0x00007f in std::__throw_out_of_range_fmt(char const*, ...) () from /lib/x86_64-linux-gnu/libstdc++.so.6
#4  0x000055 in Book::level (this=0x5, i=9) at book.cc:77
#5  0x000055 in main () at main.cc:12`;
    const crashes = findCrashes(log);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ title: 'uncaught exception std::out_of_range in Book::level', endLine: 10 });
  });

  it('reads the kernel lines about faulting processes', () => {
    const log = `[ 8123.456789] matcher[30211]: segfault at 0 ip 000055d0c8e4a1b2 sp 00007ffc9e1c2a00 error 4 in libquote.so.1[7f2a10000000+5000] likely on CPU 3 (core 3, socket 0)
Jan 29 16:41:37 argon kernel: traps: gateway[1234] general protection fault ip:7f3b6f6a87e5 sp:7ffc00 error:0 in libc.so.6[7f3b6f600000+195000]
[ 8124.0] feed[99]: segfault at 7f00dead ip 0000000000401a2b sp 00007ffd00000000 error 6 in feed[400000+3000]
[ 9100.0] matcher[812]: segfault at 18 ip 00007fd0e1c4cd5e sp 00007ffc7a0b0c00 error 4 in libquote.so.1[9ed5e,7fd0e1bae000+195000] likely on CPU 5
Jun 11 07:00:00 desk kernel: [ 9100.1] Web Content[21812]: segfault at 0 ip 00007fd0e1c4cd5e sp 00007ffc7a0b0c00 error 4 in libxul.so[7fd0e0000000+5a00000]`;
    const crashes = findCrashes(log);
    expect(crashes.map((c) => c.title)).toEqual([
      'segfault in libquote.so.1 (matcher)',
      'general protection fault in libc.so.6 (gateway)',
      'segfault in feed',
      'segfault in libquote.so.1 (matcher)',
      'segfault in libxul.so (Web Content)',
    ]);
    // the module's place as Linux 6.1 and later print it changes nothing in the signature
    expect(crashes[3]?.signature).toBe(crashes[0]?.signature);
    expect(crashes[0]).toMatchObject({ kind: 'segfault', signal: 'SIGSEGV', address: '0x0', origin: 'user' });
  });
});

describe('systemd-coredump', () => {
  it('reads its report from the journal, coredumpctl or rsyslog alike: the crashing thread, demangled, and the signal', () => {
    const journal = `May 02 10:11:12 trade01 systemd-coredump[18241]: Process 18231 (gw) of user 0 dumped core.
                                                 
                                                 Module libfix.so.2.1 with build-id 8a8b8c8d8e8f9091929394959697989900aabbcc
                                                 Stack trace of thread 18235:
                                                 #0  0x00007f2a1c6b3e4d _ZN3fix7Session6onDataEPKcm (libfix.so.2.1 + 0xb3e4d)
                                                 #1  0x000055d4c3a1e001 n/a (gw + 0x1e001)
                                                 
                                                 Stack trace of thread 18231:
                                                 #0  0x00007f2a1f0e2d61 __futex_abstimed_wait_common (libc.so.6 + 0x91d61)
                                                 ELF object binary architecture: AMD x86-64
May 02 10:11:12 trade01 systemd[1]: gw.service: Main process exited, code=dumped, status=11/SEGV`;
    const [c] = findCrashes(journal);
    expect(c).toMatchObject({ title: 'SIGSEGV in fix::Session::onData', kind: 'signal', signal: 'SIGSEGV', frames: ['fix::Session::onData', 'gw'], endLine: 9 });
    const rsyslog = 'May  2 10:11:12 trade01 systemd-coredump[18241]: Process 18231 (gw) of user 0 dumped core.#012#012Stack trace of thread 18235:#012#0  0x00007f0000003e4d _ZN3fix7Session6onDataEPKcm (libfix.so.2.1 + 0xb3e4d)#012#1  0x0000560000000001 n/a (gw + 0x1e001)\nMay  2 10:11:12 trade01 systemd[1]: gw.service: Main process exited, code=dumped, status=11/SEGV';
    expect(findCrashes(rsyslog)[0]?.signature).toBe(c?.signature);
  });
});

describe('Go details', () => {
  it('skips the runtime under internal/ (Go 1.24) and blames the code below a deferred re-panic', () => {
    const maps = `fatal error: concurrent map writes

goroutine 88 [running]:
internal/runtime/maps.fatal({0x9d2a1b?, 0x0?})
	/usr/local/go/src/runtime/panic.go:1058 +0x18
github.com/acme/router/internal/cache.(*Cache).Put(0xc000100000, {0xc0000a4000, 0x8}, 0x1)
	/build/internal/cache/cache.go:41 +0x6b`;
    expect(findCrashes(maps)[0]?.title).toBe('fatal error: concurrent map writes in github.com/acme/router/internal/cache.(*Cache).Put');
    const repanic = `panic: boom [recovered]
	panic: boom

goroutine 1 [running]:
main.main.func1()
	/build/cmd/x/main.go:12 +0x8d
panic({0x4a0b40?, 0x4e7a98?})
	/usr/local/go/src/runtime/panic.go:770 +0x132
main.process(...)
	/build/cmd/x/main.go:20
main.main()
	/build/cmd/x/main.go:16 +0x4a`;
    expect(findCrashes(repanic)[0]?.title).toBe('panic: boom in main.process');
  });

  it('takes unprefixed prose that starts like a kernel header for prose', () => {
    expect(findCrashes('general protection fault handler test passed\nall good')).toEqual([]);
  });
});

describe('JVM fatal errors', () => {
  it('name the problematic frame, with the signal and pc', () => {
    const banner = `#
# A fatal error has been detected by the Java Runtime Environment:
#
#  SIGSEGV (0xb) at pc=0x00007f3a2c1d4e5a, pid=22841, tid=22877
#
# JRE version: OpenJDK Runtime Environment (17.0.9+9) (build 17.0.9+9-Ubuntu-122.04)
# Problematic frame:
# C  [libmdfeed.so+0x1e5a]  Java_com_acme_md_Native_decode+0x3a
#
# An error report file with more information is saved as:
# /opt/md/hs_err_pid22841.log`;
    expect(findCrashes(banner)).toMatchObject([{ title: 'SIGSEGV in Java_com_acme_md_Native_decode', signal: 'SIGSEGV', address: '0x00007f3a2c1d4e5a', frames: ['Java_com_acme_md_Native_decode'] }]);
    const noSymbol = banner.replace('Java_com_acme_md_Native_decode+0x3a', '').replace('0x00007f3a2c1d4e5a', '0x00007f0000001e5a');
    expect(findCrashes(noSymbol)[0]?.title).toBe('SIGSEGV in libmdfeed.so');
  });
});

describe('managed runtimes', () => {
  it('reads a Go panic and skips runtime frames', () => {
    const log = `panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5f2c]

goroutine 1 [running]:
runtime.throw({0x4b1a2c, 0x5})
	/usr/local/go/src/runtime/panic.go:1047 +0x5d
main.(*Book).Best(0x0, 0x1)
	/src/book/book.go:95 +0x1d
main.main()
	/src/main.go:20 +0x25
exit status 2`;
    expect(findCrashes(log)[0]).toMatchObject({
      title: 'panic: runtime error: invalid memory address or nil pointer dereference in main.(*Book).Best',
      kind: 'go-panic',
      signal: 'SIGSEGV',
      address: '0x0',
      frames: ['runtime.throw', 'main.(*Book).Best', 'main.main'],
      endLine: 9,
    });
    const index = `panic: runtime error: index out of range [5] with length 3

goroutine 17 [running]:
main.handle({0xc00001c030, 0x10})
	/src/main.go:40 +0x65`;
    expect(findCrashes(index)[0]?.title).toBe('panic: runtime error: index out of range [NUM] with length NUM in main.handle');
    // `panic:` without a goroutine trace is not a Go panic.
    expect(findCrashes('panic: this is just text')).toEqual([]);
  });

  it('reads .NET exceptions, inner ones and async frames included, and names the innermost', () => {
    const unhandled = `Unhandled exception. System.AggregateException: One or more errors occurred. (Sequence contains no elements)
 ---> System.InvalidOperationException: Sequence contains no elements
   at System.Linq.ThrowHelper.ThrowNoElementsException()
   at Acme.Oms.Router.<RouteAsync>d__5.MoveNext() in /src/Router.cs:line 42
--- End of stack trace from previous location ---
   at Acme.Oms.Program.Main(String[] args) in /src/Program.cs:line 12
   --- End of inner exception stack trace ---
   at System.Threading.Tasks.Task.Wait()
   at Acme.Oms.Program.<Main>(String[] args)
after the crash`;
    expect(findCrashes(unhandled)[0]).toMatchObject({
      title: 'System.InvalidOperationException in Acme.Oms.Router.RouteAsync',
      kind: 'dotnet-exception',
      frames: ['System.Linq.ThrowHelper.ThrowNoElementsException', 'Acme.Oms.Router.RouteAsync', 'Acme.Oms.Program.Main'],
      message: 'Sequence contains no elements',
      startLine: 0,
      endLine: 8,
    });
    // logged by an application, the same bug at other lines gives the same signature
    const logged = (line: number): string => `2025-11-26 10:27:35.123 +00:00 [ERR] Route failed
System.InvalidOperationException: Sequence contains no elements
   at System.Linq.ThrowHelper.ThrowNoElementsException()
   at Acme.Oms.Router.<RouteAsync>d__5.MoveNext() in /src/Router.cs:line ${line}`;
    expect(findCrashes(logged(42))[0]?.signature).toBe(findCrashes(unhandled)[0]?.signature);
    expect(findCrashes(logged(57))[0]?.signature).toBe(findCrashes(logged(42))[0]?.signature);
    // a bare type name without frames is text
    expect(findCrashes('System.TimeoutException: retrying')).toEqual([]);
  });

  it("reads Node.js's uncaught errors and logged V8 stacks, naming the program's own frame", () => {
    const uncaught = `/opt/gw/dist/router.js:120
    throw new Error(\`venue \${v} unreachable\`);
    ^

TypeError: Cannot read properties of undefined (reading 'price')
    at Object.price (/opt/gw/node_modules/fixparser/lib/fields.js:10:5)
    at Router.route (/opt/gw/dist/router.js:120:11)
    at async Session.onOrder (/opt/gw/dist/session.js:88:19)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)

Node.js v20.11.1`;
    expect(findCrashes(uncaught)[0]).toMatchObject({
      title: 'TypeError in Router.route',
      kind: 'js-exception',
      frames: ['Object.price', 'Router.route', 'Session.onOrder', 'process.processTicksAndRejections'],
      message: "Cannot read properties of undefined (reading 'price')",
      startLine: 4,
      endLine: 8,
    });
    const coded = `Error [ERR_SOCKET_CLOSED]: Socket is closed
    at /opt/gw/dist/index.js:10:3
    at new Gateway (/opt/gw/dist/gateway.js:5:1)`;
    expect(findCrashes(coded)[0]).toMatchObject({ title: 'Error [ERR_SOCKET_CLOSED] in <anonymous> (index.js)' });
    // Python's exception line is followed by no `at` frame: not a JavaScript error
    expect(findCrashes('ZeroDivisionError: division by zero').map((c) => c.kind)).toEqual([]);
  });

  it('reads Java exceptions and names the root cause', () => {
    const log = `Exception in thread "main" java.lang.IllegalStateException: order book corrupted
	at com.acme.book.Book.apply(Book.java:120)
	at com.acme.Main.main(Main.java:10)
Caused by: java.lang.NumberFormatException: For input string: "12x"
	at java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)
	at java.base/java.lang.Integer.parseInt(Integer.java:668)
	at com.acme.fix.Parser.price(Parser.java:55)
	... 1 more`;
    expect(findCrashes(log)[0]).toMatchObject({
      title: 'java.lang.NumberFormatException in com.acme.fix.Parser.price',
      kind: 'java-exception',
      message: 'For input string: "12x"',
      endLine: 7,
    });
    const logged = `2024-03-01 12:00:00,123 ERROR [qfj-1] c.a.Gateway - session failure
java.net.SocketTimeoutException: Read timed out
	at java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)
	at quickfix.mina.IoSessionResponder.send(IoSessionResponder.java:52)
2024-03-01 12:00:01,000 INFO [main] next`;
    const logcat = `03-17 16:13:45.466  1702  1702 E AndroidRuntime: FATAL EXCEPTION: main
03-17 16:13:45.466  1702  1702 E AndroidRuntime: Process: com.acme.trader, PID: 1702
03-17 16:13:45.466  1702  1702 E AndroidRuntime: java.lang.NullPointerException: Attempt to invoke virtual method on a null object reference
03-17 16:13:45.466  1702  1702 E AndroidRuntime: 	at com.acme.trader.Quotes.render(Quotes.java:41)
03-17 16:13:45.466  1702  1702 E AndroidRuntime: 	at android.os.Handler.dispatchMessage(Handler.java:106)`;
    expect(findCrashes(logcat)[0]).toMatchObject({ title: 'java.lang.NullPointerException in com.acme.trader.Quotes.render', startLine: 2 });
    expect(findCrashes(logged)[0]).toMatchObject({
      title: 'java.net.SocketTimeoutException in quickfix.mina.IoSessionResponder.send',
      startLine: 1,
      endLine: 3,
    });
  });
});

describe('toCrashJson', () => {
  it('prints the CLI shape with nulls for unknown fields', () => {
    const json = toCrashJson(findCrashes('*** stack smashing detected ***: terminated'));
    expect(json).toEqual({
      crashes: [{ title: 'glibc: stack smashing detected', kind: 'glibc-abort', signature: expect.stringMatching(/^[0-9a-f]{12}:glibc-abort:-$/) as unknown, frames: [], signal: 'SIGABRT', address: null }],
    });
  });
});

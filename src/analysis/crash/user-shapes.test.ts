import { describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';

describe('real-world report shapes (outside probe)', () => {
  it('reads sanitizer headers without a pid, MSan warnings, and drops the runtime frames on top', () => {
    const pasted = `\tERROR: AddressSanitizer: stack-buffer-overflow on address 0x7ffff239594e at pc 0x00000045d721 bp 0x7ffff2395860 sp 0x7ffff2395850
\tWRITE of size 1 at 0x7ffff239594e thread T0
\t\t#0 0x45d720 in __interceptor_memcpy ../../../../src/libsanitizer/sanitizer_common/sanitizer_common_interceptors.inc:823
\t\t#1 0x45d720 in spf_reason_str /src/ospfd/ospf_spf.c:89
\t\t#2 0x4e7ccf in spf_timer /src/ospfd/ospf_spf.c:1387`;
    expect(findCrashes(pasted)).toMatchObject([{ title: 'AddressSanitizer: stack-buffer-overflow in spf_reason_str', frames: ['spf_reason_str', 'spf_timer'] }]);

    const mac = `==10005==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x70000e6ec555 at pc 0x00010e7aa02c bp 0x70000e6eb0b0 sp 0x70000e6ea870
WRITE of size 4 at 0x70000e6ec555 thread T1
    #0 0x10e7aa02b in wrap_memcpy+0x2ab (libclang_rt.asan_osx_dynamic.dylib:x86_64h+0x1d02b)
    #1 0x10df0fea1 in quic_cpymem+0x11 (libquic.2.dylib:x86_64+0x5ea1)`;
    expect(findCrashes(mac)[0]?.title).toBe('AddressSanitizer: stack-buffer-overflow in quic_cpymem');

    const msan = `==733583==WARNING: MemorySanitizer: use-of-uninitialized-value
    #0 0x7f2ef2cba726 in accelerate scs/src/accel.c:206:7
    #1 0x7f2ef2cc89c8 in scs_solve scs/src/scs.c:893:9

Uninitialized value was created by an allocation of 'info' in the stack frame of function 'solve_with_gesv'
    #0 0x7f2ef2cbadd0 in solve_with_gesv third_party/scs/src/accel.c:159

SUMMARY: MemorySanitizer: use-of-uninitialized-value third_party/scs/src/accel.c:206:7 in accelerate`;
    expect(findCrashes(msan)).toMatchObject([{ title: 'MemorySanitizer: use-of-uninitialized-value in accelerate', kind: 'msan', frames: ['accelerate', 'scs_solve'] }]);
  });

  it("reads TSan's <null> as an unknown frame and names a stack without symbols by its module", () => {
    const tsan = `WARNING: ThreadSanitizer: data race (pid=30437)
  Write of size 8 at 0x7b4c00031000 by main thread (mutexes: write M3422):
    #0 free ../../../../src/libsanitizer/tsan/tsan_interceptors_posix.cpp:711 (libtsan.so.0+0x37ab8)
    #1 <null> <null> (swrast_dri.so+0xbd0f2d)
    #2 Window::~Window() ../examples/Example.h:352 (Duplicate+0x5c97)
    #3 main <null> (a.out+0xea978) (BuildId: c37a21adbd15c7d0b664b44dd7a19b1d98583db9)`;
    expect(findCrashes(tsan)).toMatchObject([{ title: 'ThreadSanitizer: data race in Window::~Window', frames: ['??', 'Window::~Window', 'main'] }]);

    const stripped = `==12488==ERROR: AddressSanitizer: stack-buffer-overflow on address 0x0076c7d87720 at pc 0x0076d18550a8 bp 0x0076d3138e30 sp 0x0076d3138e10
READ of size 4 at 0x0076c7d87720 thread T90
    #0 0x76d18550a7  (/data/app/com.acme-1/lib/arm64/libpricer.so+0x68d0a7)
    #1 0x7f4f2a229d8f  (/lib/x86_64-linux-gnu/libc.so.6+0x29d8f)`;
    expect(findCrashes(stripped)[0]?.title).toBe('AddressSanitizer: stack-buffer-overflow in libpricer.so');
  });

  it('reads Go traces pasted with spaces, Go 1.23 goroutine headers, cgo stubs and bare signals', () => {
    const indented = `    panic: runtime error: invalid memory address or nil pointer dereference
    [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4d5131]

    goroutine 1021 [running]:
    panic(0x73eaa0, 0xc4200100f0)
              /usr/local/go/src/runtime/panic.go:500 +0x1a1
    md/feed.(*Conn).read(0xc4200fb6b0)
              /src/md/feed/conn.go:215 +0x9d1`;
    expect(findCrashes(indented)).toMatchObject([{ title: 'panic: runtime error: invalid memory address or nil pointer dereference in md/feed.(*Conn).read', signal: 'SIGSEGV' }]);

    const go123 = 'panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 gp=0xc000002380 m=0 mp=0x5d9f60 [running]:\nmain.pick(...)\n\t/src/pick.go:12\nmain.main()\n\t/src/main.go:9 +0x1d';
    expect(findCrashes(go123)[0]?.title).toBe('panic: runtime error: index out of range [NUM] with length NUM in main.pick');

    const cgo = `SIGSEGV: segmentation violation
PC=0x1a2c29c20 m=16 sigcode=2
signal arrived during cgo execution

goroutine 21 [syscall]:
runtime.cgocall(0x104abe4ac, 0x1400246ff28)
	/usr/local/go/src/runtime/cgocall.go:157 +0x44 fp=0x1400246fef0 sp=0x1400246feb0 pc=0x1046c2724
md/native._Cfunc_decode(0x7f00)
	??:0 +0x34
main.main()
	/src/main.go:26 +0x28`;
    expect(findCrashes(cgo)).toMatchObject([{ title: 'SIGSEGV: segmentation violation in md/native._Cfunc_decode', kind: 'go-panic', signal: 'SIGSEGV', endLine: 10 }]);
    // a line that only starts like a signal name is not a Go crash
    expect(findCrashes('SIGTERM: received, shutting down\nbye')).toEqual([]);
  });

  it('reads wrapped gdb frames and names an abort whose stack is all abort path without a frame', () => {
    const wrapped = `*** Error in \`./encode': free(): invalid pointer: 0x00007ffeb548f5a0 ***
#0  0x00007fc233800428 in __GI_raise (sig=sig@entry=6) at ../sysdeps/unix/sysv/linux/raise.c:54
#1  0x00007fc23380202a in __GI_abort () at abort.c:89
#2  0x00007fc2338427ea in __libc_message (do_abort=do_abort@entry=2, fmt=fmt@entry=0x7fc23395be98 "*** Error in \`%s': %s: 0x%s ***\\n")
    at ../sysdeps/posix/libc_fatal.c:175
#3  0x00007fc23384b37a in malloc_printerr (ar_ptr=<optimized out>, ptr=<optimized out>, str=0x7fc233958c6f "free(): invalid pointer",
    action=3) at malloc.c:5006
#4  0x0000000000400c48 in encode_tcap () at encode.c:58`;
    expect(findCrashes(wrapped)).toMatchObject([{ title: 'glibc: free(): invalid pointer in encode_tcap', frames: ['__GI_raise', '__GI_abort', '__libc_message', 'malloc_printerr', 'encode_tcap'] }]);

    const smashed = `*** stack smashing detected ***: <unknown> terminated
Program terminated with signal SIGABRT, Aborted.
#0  __GI_raise (sig=sig@entry=6) at ../sysdeps/unix/sysv/linux/raise.c:51
#1  0x00007fb0f24aa801 in __GI_abort () at abort.c:79
#2  0x00007fb0f259ec92 in __stack_chk_fail () at stack_chk_fail.c:29
#3  0x1c433e792893c900 in ?? ()`;
    expect(findCrashes(smashed)[0]?.title).toBe('glibc: stack smashing detected');
  });

  it('names glibc backtrace frames without symbols by module, so two programs are two bugs; reads the pre-2.11 banner', () => {
    const of = (prog: string): string => `*** stack smashing detected ***: ${prog} terminated
======= Backtrace: =========
/lib64/libc.so.6(__fortify_fail+0x37)[0x7f99fdd5ed87]
${prog}(+0x65f4)[0x55f2547ae5f4]
/lib64/libc.so.6(__libc_start_main+0xf5)[0x7f99fdc70c05]`;
    const a = findCrashes(of('matcher'))[0];
    const b = findCrashes(of('./router'))[0];
    expect(a?.title).toBe('glibc: stack smashing detected in matcher');
    expect(b?.title).toBe('glibc: stack smashing detected in router');
    expect(a?.signature).not.toBe(b?.signature);

    const old = `*** glibc detected *** /opt/gw/gateway: free(): invalid pointer: 0x0000000000b75630 ***
======= Backtrace: =========
/lib64/libc.so.6[0x32eca75dee]
/usr/lib64/libfontconfig.so.1(FcPatternDestroy+0x7f)[0x32f1619eff]`;
    expect(findCrashes(old)).toMatchObject([{ title: 'glibc: free(): invalid pointer in FcPatternDestroy', kind: 'glibc-abort' }]);
  });

  it("skips other libraries' allocator wrappers and exit handlers when naming a gdb stack", () => {
    const glib = `Thread 1 (Thread 0x7f34e201ba80 (LWP 2515)):
#0  __GI_raise (sig=sig@entry=6) at ../sysdeps/unix/sysv/linux/raise.c:51
        set = {__val = {0, 0}}
#1  0x00007f34df3e4801 in __GI_abort () at abort.c:79
#2  0x00007f34df43490a in malloc_printerr (str=str@entry=0x7f34df55c828 "double free or corruption (fasttop)") at malloc.c:5350
No locals.
#3  0x00007f34d8a5e1c2 in g_free () from /usr/lib/x86_64-linux-gnu/libglib-2.0.so.0
#4  0x00007f34d8f1c3b0 in book_widget_destroy (widget=0x556c1d0e8a10) at book.c:1180`;
    expect(findCrashes(glib)[0]?.title).toBe('SIGABRT in book_widget_destroy');

    // only the C and C++ runtimes on the stack: the first frame that is not the abort path
    const atExit = `Program terminated with signal SIGABRT, Aborted.
#0  __GI_raise (sig=sig@entry=6) at ../sysdeps/unix/sysv/linux/raise.c:50
#1  0x0000ffff88b948e8 in __GI_abort () at abort.c:79
#2  0x0000ffff87f6e2a8 in std::locale::_Impl::~_Impl() () from /usr/lib/aarch64-linux-gnu/libstdc++.so.6
#3  0x0000ffff88b97a1c in __run_exit_handlers (status=0) at exit.c:108`;
    expect(findCrashes(atExit)[0]?.title).toBe('SIGABRT in std::locale::_Impl::~_Impl');
  });

  it('keeps library versions in JVM titles and reads kernel segfault lines without the colon', () => {
    const hsErr = `# A fatal error has been detected by the Java Runtime Environment:
#  SIGSEGV (0xb) at pc=0x00007fcfe110ade0, pid=55469, tid=140530789209872
# Problematic frame:
# C  [ld-linux-x86-64.so.2+0x15de0]`;
    expect(findCrashes(hsErr)[0]?.title).toBe('SIGSEGV in ld-linux-x86-64.so.2');
    expect(findCrashes('bmon[16429] segfault at 7ffe54c89ff8 ip 00007f2366d8e4b3 sp 00007ffe54c8a000 error 6 in libc-2.27.so[7f2366d00000+1e7000]')[0]?.title).toBe(
      'segfault in libc-2.27.so (bmon)',
    );
  });
});

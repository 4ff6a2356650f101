import { describe, expect, it } from 'vitest';
import { findCrashes } from './index.js';

describe('Rust panics', () => {
  it('reads the message on the line after the place (Rust 1.73+), named by the file without a backtrace', () => {
    const log = `thread 'main' panicked at src/config.rs:31:52:
called \`Result::unwrap()\` on an \`Err\` value: Os { code: 2, kind: NotFound, message: "No such file or directory" }
note: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace`;
    expect(findCrashes(log)).toMatchObject([
      {
        title: 'Rust panic: called `Result::unwrap()` on an `Err` value in src/config.rs',
        kind: 'rust-panic',
        origin: 'user',
        frames: [],
        startLine: 0,
        endLine: 2,
      },
    ]);
    // the same panic after the line moved, on Windows
    const moved = "thread 'main' panicked at src\\config.rs:40:9:\ncalled `Result::unwrap()` on an `Err` value: Os { code: 13 }";
    expect(findCrashes(moved)[0]?.signature).toBe(findCrashes(log)[0]?.signature);
  });

  it('reads the quoted message of older Rust', () => {
    const log = "thread 'main' panicked at 'index out of bounds: the len is 3 but the index is 7', src/book.rs:88:21";
    expect(findCrashes(log)[0]?.title).toBe('Rust panic: index out of bounds in src/book.rs');
  });

  it('names a backtrace after the first frame outside std, core and the panic machinery', () => {
    const short = `Mar 11 09:32:11 md01 pricer[2210]: thread 'tokio-runtime-worker' panicked at src/main.rs:14:5:
Mar 11 09:32:11 md01 pricer[2210]: index out of bounds: the len is 3 but the index is 7
Mar 11 09:32:11 md01 pricer[2210]: stack backtrace:
Mar 11 09:32:11 md01 pricer[2210]:    0: rust_begin_unwind
Mar 11 09:32:11 md01 pricer[2210]:              at /rustc/90b35a6239c3d8bd/library/std/src/panicking.rs:665:5
Mar 11 09:32:11 md01 pricer[2210]:    1: core::panicking::panic_bounds_check
Mar 11 09:32:11 md01 pricer[2210]:              at /rustc/90b35a6239c3d8bd/library/core/src/panicking.rs:276:5
Mar 11 09:32:11 md01 pricer[2210]:    2: pricer::leg_price
Mar 11 09:32:11 md01 pricer[2210]:              at ./src/main.rs:14:5
Mar 11 09:32:11 md01 pricer[2210]: note: Some details are omitted, run with \`RUST_BACKTRACE=full\` for a verbose backtrace.
Mar 11 09:32:12 md01 systemd[1]: pricer.service: Main process exited, code=exited, status=101/n/a`;
    expect(findCrashes(short)).toMatchObject([
      { title: 'Rust panic: index out of bounds in pricer::leg_price', frames: ['rust_begin_unwind', 'core::panicking::panic_bounds_check', 'pricer::leg_price'], endLine: 9 },
    ]);

    const full = `thread 'main' panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/feedtool-0.3.2/src/lib.rs:551:51:
called \`Option::unwrap()\` on a \`None\` value
stack backtrace:
   0:     0x55b5b75652c2 - <std::sys::backtrace::BacktraceLock::print::DisplayBacktrace as core::fmt::Display>::fmt::h46a716bba2450163
   1:     0x55b5b756680d - __rustc[4794b31dd7191200]::rust_begin_unwind
   2:     0x55b5b74ae870 - core::panicking::panic_fmt::hc8737e8cca20a7c8
   3:     0x55b5b74ae7e9 - core::option::unwrap_failed::h62317944fa5dc382
   4:     0x55b5b74ce13c - feedtool::run::h1b92811a4c5ee0f1
   5:     0x55b5b74b2d10 - feedtool::main::h0ac1e94bb9f1e3a2`;
    expect(findCrashes(full)).toMatchObject([{ title: 'Rust panic: called `Option::unwrap()` on a `None` value in feedtool::run', endLine: 8 }]);
  });

  it('reads fatal runtime errors and leaves ordinary lines alone', () => {
    expect(findCrashes("thread 'main' has overflowed its stack\nfatal runtime error: stack overflow\nAborted (core dumped)")).toMatchObject([
      { title: 'Rust fatal runtime error: stack overflow', signal: 'SIGABRT' },
    ]);
    expect(findCrashes("INFO pricer: thread 'pricer' started at 09:30:06\nINFO pricer: panicked at nothing so far")).toEqual([]);
  });
});

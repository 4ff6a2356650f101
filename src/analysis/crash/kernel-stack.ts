/**
 * Guilty-frame selection for kernel reports, after syzkaller's pkg/report: a report format says
 * where its stack starts (a sequence of regexps and stack sections), frames of the reporting
 * machinery (sanitizers, printk, locking, panic, allocators…) are skipped, and the first frame
 * left (or one chosen by a hang/stall extractor) names the bug.
 */
import { cleanFrame, FramePatterns } from './frames.js';

/** Marks "parse a stack trace here" inside a sequence of stack parts. */
export const STACK = 'stack' as const;
export type StackPart = RegExp | typeof STACK;
export type FrameExtractor = (frames: readonly string[]) => string;

export interface StackFormat {
  /** Matched in order against successive lines; capturing regexps yield frames. */
  parts: StackPart[];
  /** Tried when `parts` yields no frame. */
  parts2?: StackPart[];
  /** Extra frame patterns to skip for this format (regex sources, matched anywhere). */
  skip?: string[];
  /** Picks the guilty frame among the unskipped ones; default: the first. */
  extractor?: FrameExtractor;
  /**
   * When `parts` and `parts2` find no guilty frame, name the report after the interrupted task's
   * own stack (see interruptedTaskFrames): the extractor's pick, else its first unskipped frame.
   */
  taskFallback?: boolean;
}

/**
 * Expands the `{{PC}}`, `{{FUNC}}`, `{{SRC}}` and `{{ADDR}}` shorthands of report regexps.
 * @example compile('RIP: {{FUNC}}').exec('RIP: foo+0x1/0x2')?.[1] === 'foo'
 */
export function compile(source: string, flags = ''): RegExp {
  const re = source
    .replaceAll('{{ADDR}}', '0x[0-9a-f]+')
    .replaceAll('{{PC}}', '\\[<?(?:0x)?[0-9a-f]+>?\\]')
    // A function name must be followed by `+0x…` or a `.suffix`: symbolized inline frames
    // (`foo file.c:12 [inline]`) are deliberately not taken, since inlining changes per build.
    .replaceAll('{{FUNC}}', '([a-zA-Z0-9_]+)(?:\\.|\\+)')
    .replaceAll('{{SRC}}', '([a-zA-Z0-9\\-_/.]+\\.[a-z]+:[0-9]+)');
  return new RegExp(source === re ? source : re, flags);
}

/** The instruction-pointer line of x86 (`RIP: 0010:foo+0x1/0x2`), powerpc (`NIP`) and arm (`PC is at`). */
export const RIP_FRAME = compile(
  '(?:IP|NIP|pc |PC is at):? (?:(?:[0-9]+:)?(?:{{PC}} +){0,2}{{FUNC}}|(?:[0-9]+:)?0x[0-9a-f]+|(?:[0-9]+:)?{{PC}} +\\[< *\\(null\\)>\\] +\\(null\\)|[0-9]+: +\\(null\\))',
);
export const CALL_TRACE = compile('(?:Call (?:T|t)race:)|(?:Backtrace:)');

const STACK_START: RegExp[] = [
  /Call (?:T|t)race/,
  /Allocated:/,
  /Allocated by task [0-9]+:/,
  /Freed:/,
  /Freed by task [0-9]+:/,
  // `backtrace:` of kmemleak, but not lockdep's `stack backtrace:`.
  /[^k] backtrace(?: \(crc [0-9a-f]+\))?:/,
  /Backtrace:/,
  /Uninit was stored to memory at/,
];

const FRAME_RES: RegExp[] = [
  compile('^ *(?:{{PC}} ){0,2}{{FUNC}}'),
  // arm: `[<c0123>] (callee) from [<c0456>] (caller+0x…)` names two frames at once.
  compile('^ *{{PC}} \\(([a-zA-Z0-9_.]+)\\) from {{PC}} \\({{FUNC}}'),
];

// Any frame line, including symbolized inline frames; used for the displayed frame list only.
const DISPLAY_FRAME =
  /^\s*(?:\[<?(?:0x)?[0-9a-f]+>?\]\s*){0,2}([A-Za-z_$][\w.$]*)(?:\+0x[0-9a-f]+\/0x[0-9a-f]+|\s+[\w./-]+\.\w+:\d+(?::\d+)?\s+\[inline\])/;

// Fault-injection stacks are often intermixed with the report and make it unreliable.
const CORRUPTED_LINES: RegExp[] = [
  compile('^( \\[<?(?:0x)?[0-9a-f]+>?\\])? should_fail(slab)?(\\.[a-z0-9.]+)?\\+0x'),
];

/**
 * Frames that belong to the reporting, tracing, locking, allocation or string machinery rather
 * than to the code with the bug. Regex sources, matched anywhere in the function name.
 */
export const KERNEL_SKIP: readonly string[] = [
  '__sanitizer', '__asan', 'kasan', '__msan', 'kmsan', 'kcsan_setup_watchpoint', 'check_memory_region',
  'check_heap_object', 'check_object', 'read_word_at_a_time', '(read|write)_once_.*nocheck',
  'print_address_description', 'panic', 'invalid_op', 'report_bug', 'fixup_bug', 'print_report',
  'print_usage_bug', 'do_error', '_trap$|do_trap', 'show_stack', 'dump_stack', 'walk_stack',
  'dump_backtrace', 'warn_slowpath', 'warn_alloc', 'warn_bogus', '__warn', 'alloc_page',
  'k?v?(?:m|z|c)alloc', 'krealloc', 'kmem_cache', 'allocate_slab', 'slab_', 'debug_object',
  'timer_is_static_object', 'work_is_static_object', '__might_fault', 'print_unlock', 'imbalance_bug',
  'lockdep', 'bh_enable', 'bh_disable', 'perf_trace', 'lock_acquire', 'lock_release', 'lock_class',
  'mark_lock', '(reacquire|mark)_held_locks', 'raw_spin_rq', 'spin_lock', 'spin_trylock', 'spin_unlock',
  'read_lock', 'read_trylock', 'write_lock', 'write_trylock', 'read_unlock', 'write_unlock', '^down$',
  'down_read', 'down_write', 'down_trylock', 'up_read', 'up_write', '^mutex_', '^__mutex_', '^rt_mutex_',
  'owner_on_cpu', 'osq_lock', 'osq_unlock',
  'atomic(64)?_(dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)', '(set|clear|change|test)_bit',
  '__wake_up', '^refcount_', '^kref_', 'ref_tracker', 'seqprop_assert',
  'memcpy', 'memcmp', 'memset', 'memchr', 'memmove', 'memdup', 'strcmp', 'strncmp', 'strcpy', 'strlcpy',
  'strncpy', 'strscpy', 'strlen', 'strnstr', 'strnlen', 'strchr', 'strdup', 'strndup',
  'copy_to_user', 'copy_from_user', 'copy_to_iter', 'copy_from_iter', '^copyin$', '^copyout$', 'put_user',
  'get_user', 'might_fault', 'might_sleep', 'list_add', 'list_del', 'list_replace', 'list_move',
  'list_splice', '^rb_', '^__rb_', '_indirect_thunk_', 'string', 'pointer', 'snprintf', 'scnprintf',
  'kasprintf', 'kvasprintf', 'printk', 'va_format', 'dev_info', 'dev_notice', 'dev_warn', 'dev_err',
  'dev_alert', 'dev_crit', 'dev_emerg', 'program_check_exception', 'program_check_common', 'del_timer',
  'flush_work', '__cancel_work_timer', 'cancel_work_sync', 'try_to_grab_pending', 'flush_workqueue',
  'drain_workqueue', 'destroy_workqueue', 'queue_work', 'finish_wait', 'kthread_stop', 'kobject_',
  'add_uevent_var', 'get_device_parent', 'device_add', 'device_del', 'device_unregister', 'device_destroy',
  'device_release', 'devres_release_all', 'hwrng_unregister', 'i2c_del_adapter', '__unregister_client',
  'device_for_each_child', 'rollback_registered', 'unregister_netdev', 'sysfs_remove', 'device_remove_file',
  'tty_unregister_device', 'dummy_urb_enqueue', 'usb_kill_urb', 'usb_kill_anchored_urbs', 'usb_control_msg',
  'usb_hcd_submit_urb', 'usb_submit_urb', '^complete$', 'wait_for_completion', '^kv?free$', 'kfree_skb',
  'readb$', 'readw$', 'readl$', 'readq$', 'writeb$', 'writew$', 'writel$', 'writeq$', 'logic_in',
  'logic_out', '^crc\\d+', 'crc_itu_t', '__might_resched', 'assertfail', '^iput$', '^iput_final$', '^ihold$',
  'hex_dump_to_buffer', 'print_hex_dump', '^klist_', '(trace|lockdep)_(hard|soft)irq', '^(un)?lock_page',
  'stack_trace_consume_entry', 'arch_stack_walk', 'stack_trace_save', 'insert_work', '__queue_delayed_work',
  'queue_delayed_work_on', 'do_(kernel|translation)_fault', 'do_mem_abort', 'el1_abort',
  'el1h_64_sync(?:_handler)?', 'print_tainted', '^__cfi_', 'rust_begin_unwind', 'rust_helper_BUG',
  // Sanitizer and hardening runtimes, allocator entry points, library data structures and VFS
  // helpers that only assert on their caller's arguments.
  '__hwasan', 'fortify', 'alloc_(?:frozen_)?pages', '_noprof$', '^xas_', '^xa_', 'copy_page_(?:to|from)_iter',
  '^lock_timer_base$', '^(?:__)?mod_timer', '^add_timer', '^(?:drop|inc|clear|set)_nlink$',
  // Page-cache, timer, device and dentry helpers that newer syzkaller versions also skip.
  'folio_(?:alloc|unlock)', 'filemap_alloc_folio', '__filemap_get_folio', 'find_or_create_page', 'do_read_cache_folio',
  'read_cache_page', 'pagecache_get_page', 'grab_cache_page_write_begin', 'strstr', 'copy_folio_to_iter', 'ida_free',
  'find_lock_entries', 'truncate_inode_pages_range', '__phys_addr', 'cleanup_srcu_struct', 'rhashtable_lookup',
  'extract_(user|iter)_to_sg', '^get_taint$', '^put_device$', '__timer_delete_sync', 'sk_stop_timer_sync', 'dput',
];

// Syscall entry wrappers differ per architecture and kernel version; the syscall name does not.
const STRIP_PREFIXES = [
  'SYSC_', 'SyS_', 'sys_', '__x64_', '__ia32_', '__arm64_', '____sys_', '___sys_', '__sys_', '__se_sys_',
  '__se_', '__do_sys_', 'compat_SYSC_', 'compat_SyS_', 'ksys_',
];

export interface StackResult {
  /** One guilty frame per stack section of the format (`corrupted` when none was found). */
  keys: string[];
  /** False when a section yielded no frame or the stack was interleaved with fault injection. */
  ok: boolean;
  /** Every frame seen while parsing, cleaned, for display. */
  seen: string[];
}

const patternCache = new Map<string, FramePatterns>();
const MAX_SEEN = 64;
const IDENT = /^[\w.$]+$/;

function skipPatterns(extra: readonly string[] | undefined): FramePatterns {
  const key = extra ? extra.join('\u0000') : '';
  let p = patternCache.get(key);
  if (!p) {
    p = FramePatterns.of(KERNEL_SKIP, extra ?? []);
    patternCache.set(key, p);
  }
  return p;
}

function normalizeKernelFrame(raw: string): string {
  let name = raw.startsWith('_R') || raw.startsWith('_Z') ? cleanFrame(raw) : raw;
  for (const prefix of STRIP_PREFIXES) {
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  }
  return name;
}

/**
 * Extracts guilty frames from report text that starts at the title match.
 * @example extractStack(' RIP: 0010:foo+0x1/0x2\n', { parts: [RIP_FRAME] }).keys[0] === 'foo'
 */
export function extractStack(text: string, format: StackFormat): StackResult {
  const skip = skipPatterns(format.skip);
  const lines = text.split('\n');
  const first = runParts(lines, format.parts, skip, format.extractor);
  if (first.ok || !format.parts2) return withTaskFallback(first, lines, format, skip);
  const second = runParts(lines, format.parts2, skip, format.extractor);
  // The first pass often saw only the trapping RIP frame; show it above the call trace.
  const seen = first.seen.length <= 1 && first.seen[0] !== second.seen[0] ? [...first.seen, ...second.seen] : first.seen;
  return withTaskFallback({ ...second, seen }, lines, format, skip);
}

// Interrupt entry code on top of an interrupted task's stack (`asm_sysvec_apic_timer_interrupt`).
const INTERRUPT_ENTRY = /apic_timer_interrupt|^asm_|^sysvec_|^irq_exit|^common_interrupt$/;

/**
 * A stall or lockup whose stack has no dispatch point the extractor knows (a trace cut short, a
 * poll loop of a driver) is still about the code that looped: without this, every such report
 * would be titled `corrupted` and share one signature.
 */
function withTaskFallback(res: StackResult, lines: readonly string[], format: StackFormat, skip: FramePatterns): StackResult {
  if (res.ok || !format.taskFallback || res.keys.length !== 1) return res;
  const frames = interruptedTaskFrames(lines)
    .filter((f) => !INTERRUPT_ENTRY.test(f) && !skip.test(f))
    .map(normalizeKernelFrame);
  const key = (format.extractor?.(frames) ?? '') || (frames[0] ?? '');
  return key === '' ? res : { ...res, keys: [key], ok: true };
}

// Where the interrupted task's stack ends: the next CPU's or task's dump, or the end of the trace.
const TASK_STACK_END = /NMI backtrace for cpu|Sending NMI from CPU|<\/TASK>|^\s*task:\S|\bCPU: \d+ PID: \d+|^\s*-+\[ end trace/;

/**
 * Frames of the first stack after the report's header with the `<IRQ>`/`<NMI>` sections left out:
 * those hold the watchdog or the timer interrupt that noticed the stall, not the looping code.
 * The `RIP:` line counts as the innermost frame wherever the kernel printed it. A first stack
 * without one is a task's dump (`task:… state:R`, a starved grace-period kthread), which shows
 * where that task was scheduled out, not code caught looping: it gives nothing.
 * @example interruptedTaskFrames(['RIP: 0010:f+0x1/0x2', 'Call Trace:', ' <IRQ>', ' w+0x1/0x2', ' </IRQ>', ' g+0x1/0x2']) // ['f', 'g']
 */
export function interruptedTaskFrames(lines: readonly string[]): string[] {
  const out: string[] = [];
  let started = false;
  let sawRip = false;
  let inInterrupt = false;
  for (const ln of lines) {
    if (!started) {
      if (!RIP_FRAME.test(ln) && !CALL_TRACE.test(ln)) continue;
      started = true;
    } else if (out.length > 0 && TASK_STACK_END.test(ln)) {
      break;
    }
    if (/<(?:IRQ|NMI)>/.test(ln)) inInterrupt = true;
    else if (/<\/(?:IRQ|NMI)>|<EOI>/.test(ln)) inInterrupt = false;
    if (inInterrupt) continue;
    const rip = RIP_FRAME.exec(ln);
    // `RIP: 0033:0x7f…` at the bottom of a task's dump is the user-mode state of its syscall.
    if (rip?.[1] !== undefined) sawRip = true;
    const m = rip ?? FRAME_RES[0]!.exec(ln);
    if (m?.[1] !== undefined && IDENT.test(m[1])) out.push(cleanFrame(m[1]));
    if (out.length >= MAX_SEEN) break;
  }
  return sawRip ? out : [];
}

function runParts(
  lines: readonly string[],
  parts: readonly StackPart[],
  skip: FramePatterns,
  extractor: FrameExtractor | undefined,
): StackResult {
  let frames: string[] = [];
  const keys: string[] = [];
  const seen: string[] = [];
  let ok = true;
  let stacks = 0;
  let li = 0;
  const append = (match: RegExpExecArray): void => {
    for (let g = 1; g < match.length; g++) {
      const raw = match[g];
      if (raw === undefined) continue;
      // Captured marker text (`Uninit was created at:`) is not a frame.
      if (seen.length < MAX_SEEN && IDENT.test(raw)) seen.push(cleanFrame(raw));
      // The default extractor takes the first frame left; later ones need no skip test.
      if (!extractor && frames.length > 0) continue;
      const name = raw.startsWith('_R') || raw.startsWith('_Z') ? cleanFrame(raw) : raw;
      if (skip.test(name)) continue;
      frames.push(normalizeKernelFrame(raw));
    }
  };
  const pick = (): void => {
    let key = frames.length === 0 ? '' : extractor ? extractor(frames) : frames[0]!;
    if (key === '') {
      key = 'corrupted';
      ok = false;
    }
    keys.push(key);
    frames = [];
  };
  for (let pi = 0; ; pi++) {
    if (pi === parts.length || (parts[pi] === STACK && stacks > 0)) pick();
    if (pi === parts.length) break;
    const part = parts[pi]!;
    if (part === STACK) {
      stacks++;
      let advanced = false;
      let sectionFrames = 0;
      const last = pi === parts.length - 1;
      for (; li < lines.length; li++) {
        // Nothing left to learn from the rest of the last stack section.
        if (last && !extractor && frames.length > 0 && seen.length >= MAX_SEEN) break;
        const ln = lines[li]!;
        if (CORRUPTED_LINES.some((re) => re.test(ln))) {
          ok = false;
          li++;
          advanced = true;
          break;
        }
        if (STACK_START.some((re) => re.test(ln))) {
          // A first section with no frame yet goes on past its own `Call Trace:` (newer KMSAN
          // reports print one right under the title, before the stack the title is about).
          if (sectionFrames === 0 && frames.length === 0) {
            sectionFrames = -1;
            continue;
          }
          li++;
          advanced = true;
          break;
        }
        const next = parts[pi + 1];
        if (next !== undefined && next !== STACK) {
          const m = next.exec(ln);
          if (m) {
            append(m);
            pi++;
            li++;
            advanced = true;
            break;
          }
        }
        let matched = false;
        for (const re of FRAME_RES) {
          const m = re.exec(ln);
          if (m) {
            append(m);
            matched = true;
            if (sectionFrames >= 0) sectionFrames++;
            break;
          }
        }
        if (!matched && seen.length < MAX_SEEN) {
          const d = DISPLAY_FRAME.exec(ln);
          if (d) seen.push(cleanFrame(d[1]!));
        }
      }
      if (!advanced) li = lines.length;
    } else {
      for (; li < lines.length; li++) {
        const ln = lines[li]!;
        if (CORRUPTED_LINES.some((re) => re.test(ln))) {
          ok = false;
          li++;
          break;
        }
        const m = part.exec(ln);
        if (!m) continue;
        append(m);
        li++;
        break;
      }
    }
  }
  return { keys, ok, seen };
}

/**
 * Frames of the first `Call Trace:` section of a report, for reports whose title needs none.
 * @example displayFrames('Call Trace:\n foo+0x1/0x2\n') // ['foo']
 */
export function displayFrames(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => CALL_TRACE.test(l));
  const out: string[] = [];
  if (start < 0) return out;
  for (let i = start + 1; i < lines.length && out.length < MAX_SEEN; i++) {
    const ln = lines[i]!;
    if (STACK_START.some((re) => re.test(ln))) break;
    const d = DISPLAY_FRAME.exec(ln);
    if (d) out.push(cleanFrame(d[1]!));
  }
  return out;
}

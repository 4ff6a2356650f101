import { describe, expect, it } from 'vitest';
import { cleanFrame, demangle } from './index.js';

describe('cleanFrame', () => {
  it.each([
    ['do_ipv6_setsockopt.isra.8+0x3c5/0x39d0', 'do_ipv6_setsockopt'],
    ['nmi_cpu_backtrace.cold.3+0x63/0xa2', 'nmi_cpu_backtrace'],
    ['__alloc_pages_slowpath.constprop.0+0xbcc/0xd00', '__alloc_pages_slowpath'],
    ['mlx5e_tx_reporter_timeout_recover+0x2a/0x80 [mlx5_core]', 'mlx5e_tx_reporter_timeout_recover'],
    ['Book::erase(unsigned long)', 'Book::erase'],
    ['Counter::get() const', 'Counter::get'],
    ['Functor::operator()(int) const', 'Functor::operator()'],
    ['std::__cxx11::basic_string<char>::_M_create[abi:cxx11](unsigned long&)', 'std::__cxx11::basic_string<char>::_M_create'],
    ['main.(*Book).Best(0xc000010000, 0x1)', 'main.(*Book).Best'],
    ['_ZN4Book5eraseEm', 'Book::erase'],
    ['_ZN7Session5closeEv.cold', 'Session::close'],
    ['app::run::h0123456789abcdef', 'app::run'],
    // Rust's legacy mangling escapes, as sanitizers print them
    ['std::thread::Thread::new::_$u7b$$u7b$closure$u7d$$u7d$::hdcec7d7bc3c21e50', 'std::thread::Thread::new::{{closure}}'],
    ['_$LT$alloc..vec..Vec$LT$T$GT$$u20$as$u20$core..ops..drop..Drop$GT$::drop', '<alloc::vec::Vec<T> as core::ops::drop::Drop>::drop'],
  ])('%s -> %s', (input, out) => {
    expect(cleanFrame(input)).toBe(out);
  });
});

describe('demangle', () => {
  it.each([
    ['_Z11parse_orderPKc', 'parse_order'],
    ['_ZN5boost4asio6detail9scheduler3runERNS_6system10error_codeE', 'boost::asio::detail::scheduler::run'],
    ['_ZNSt6vectorIiSaIiEE14_M_range_checkEm', 'std::vector::_M_range_check'],
    ['_ZN4BookC2Ev', 'Book::Book'],
    ['_ZN4BookD1Ev', 'Book::~Book'],
    ['_ZNK4Book5levelEm', 'Book::level'],
    ['_ZN12_GLOBAL__N_16workerEv', '(anonymous namespace)::worker'],
    ['_RNvMs3_NtCshgDM7dBCdno_11rust_binder7processNtB5_7Process10update_ref', '<rust_binder::process::Process>::update_ref'],
    ['_RNvNtCs9jEwPDbx20M_4core9panicking9panic_fmt', 'core::panicking::panic_fmt'],
    ['not_mangled', 'not_mangled'],
    ['_Zgarbage', '_Zgarbage'],
  ])('%s -> %s', (input, out) => {
    expect(demangle(input)).toBe(out);
  });
});

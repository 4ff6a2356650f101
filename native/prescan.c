// The prescan as a native addon: the same pass as wasm/prescan.ts, over the same tables (written by
// src/evidence/logs/prescan.ts), giving the same flags; that file's head says how literals are found.
// WebAssembly's swizzle costs V8 two more instructions than the x86 shuffle it stands for, sixteen
// of them a step, and the bytes must be copied into the module's memory first: this pass reads the
// block where it is, at about half the wasm pass's cost. Built by `npm ci` (node-gyp) where a C
// compiler is; x86-64 with SSSE3 only (elsewhere the addon exports nothing and the wasm pass runs).
#include "napi.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define PFA_X86 1
#endif

enum { CLS = 0, TEDDY = 256, LETTERS = 512, H4 = 1024, H3 = 9216, TABLES = 65536 };
#define F_CONTROL 1u
#define F_LEVEL 2u
#define F_HINT 4u
#define K_EXACT 128u

#ifdef PFA_X86
typedef struct {
  const uint8_t *t, *inp, *end;
} Ctx;

static inline int alnum(const Ctx *c, uint8_t b) { return (c->t[CLS + b] & 1) != 0; }
static inline uint16_t u16(const Ctx *c, size_t at) { return (uint16_t)(c->t[at] | (c->t[at + 1] << 8)); }

static int equal(const Ctx *c, size_t rec, const uint8_t *start, size_t len, int exact) {
  const uint32_t fold = exact ? 0 : 0x20;
  for (size_t k = 0; k < len; k++)
    if (((uint32_t)start[k] | fold) != (uint32_t)c->t[rec + 4 + k]) return 0;
  return 1;
}

static inline size_t hash12(uint32_t x) { return (size_t)((uint32_t)(x * 0x9e3779b1u) >> 20) << 1; }

static uint32_t chain(const Ctx *c, size_t rec, const uint8_t *start) {
  uint32_t kinds = 0;
  while (rec != 0) {
    const size_t len = c->t[rec + 2];
    const uint32_t kind = c->t[rec + 3];
    if (start + len <= c->end && equal(c, rec, start, len, (kind & K_EXACT) != 0)) {
      if ((kind & F_LEVEL) == 0) kinds |= kind & F_HINT;
      else if ((start == c->inp || !alnum(c, start[-1])) && (start + len == c->end || !alnum(c, start[len]))) kinds |= F_LEVEL;
    }
    rec = u16(c, rec);
  }
  return kinds;
}

static uint32_t verify(const Ctx *c, const uint8_t *start) {
  // Bytes past the end read as zero, as in the wasm pass's padded copy.
  uint32_t w = 0;
  for (int k = 0; k < 4; k++) w |= (uint32_t)(start + k < c->end ? start[k] : 0) << (8 * k);
  w |= 0x20202020u;
  uint32_t kinds = 0;
  const size_t r4 = u16(c, H4 + hash12(w));
  if (r4 != 0) kinds = chain(c, r4, start);
  const size_t r3 = u16(c, H3 + hash12(w & 0xffffff));
  if (r3 != 0) kinds |= chain(c, r3, start);
  return kinds;
}

static inline uint32_t kinds_of(uint32_t ctl, uint32_t level, uint32_t hint) {
  return (ctl ? F_CONTROL : 0) | (level ? F_LEVEL : 0) | (hint ? F_HINT : 0);
}

#define LT_U(x, n) _mm_cmpeq_epi8(_mm_min_epu8((x), _mm_set1_epi8((char)((n) - 1))), (x))
#define MASK(x) ((uint32_t)_mm_movemask_epi8(x))

typedef struct {
  __m128i t[8];
  __m128i p0, p1, p2;
} Bank;

__attribute__((target("ssse3"))) static inline uint32_t bank(Bank *b, __m128i lo, __m128i hi) {
  const __m128i m0 = _mm_and_si128(_mm_shuffle_epi8(b->t[0], lo), _mm_shuffle_epi8(b->t[1], hi));
  const __m128i m1 = _mm_and_si128(_mm_shuffle_epi8(b->t[2], lo), _mm_shuffle_epi8(b->t[3], hi));
  const __m128i m2 = _mm_and_si128(_mm_shuffle_epi8(b->t[4], lo), _mm_shuffle_epi8(b->t[5], hi));
  const __m128i m3 = _mm_and_si128(_mm_shuffle_epi8(b->t[6], lo), _mm_shuffle_epi8(b->t[7], hi));
  const __m128i s0 = _mm_alignr_epi8(m0, b->p0, 13);
  const __m128i s1 = _mm_alignr_epi8(m1, b->p1, 14);
  const __m128i s2 = _mm_alignr_epi8(m2, b->p2, 15);
  b->p0 = m0;
  b->p1 = m1;
  b->p2 = m2;
  const __m128i r = _mm_and_si128(_mm_and_si128(s0, s1), _mm_and_si128(s2, m3));
  return ~MASK(_mm_cmpeq_epi8(r, _mm_setzero_si128())) & 0xffff;
}

__attribute__((target("ssse3"))) static uint32_t scan(const uint8_t *t, const uint8_t *inp, size_t len, uint8_t *out) {
  const uint8_t *end = inp + len;
  const Ctx c = {t, inp, end};
  const __m128i NL = _mm_set1_epi8(10), SPACE = _mm_set1_epi8(0x20), NIBBLE = _mm_set1_epi8(0x0f), ZERO = _mm_setzero_si128();
  const __m128i llo = _mm_loadu_si128((const __m128i *)(t + LETTERS)), lhi = _mm_loadu_si128((const __m128i *)(t + LETTERS + 16));
  Bank b0, b1;
  for (int k = 0; k < 8; k++) {
    b0.t[k] = _mm_loadu_si128((const __m128i *)(t + TEDDY + 16 * k));
    b1.t[k] = _mm_loadu_si128((const __m128i *)(t + TEDDY + 128 + 16 * k));
  }
  b0.p0 = b0.p1 = b0.p2 = b1.p0 = b1.p1 = b1.p2 = ZERO;
  uint32_t flags = 0;
  size_t line = 0;
  uint8_t tail[16];
  for (const uint8_t *p = inp; p < end; p += 16) {
    __m128i v;
    uint32_t valid = 0xffff;
    if (end - p >= 16) v = _mm_loadu_si128((const __m128i *)p);
    else {
      memset(tail, 0, sizeof tail);
      memcpy(tail, p, (size_t)(end - p));
      v = _mm_loadu_si128((const __m128i *)tail);
      valid = (1u << (uint32_t)(end - p)) - 1;
    }
    const __m128i f = _mm_or_si128(v, SPACE);
    const uint32_t nl = MASK(_mm_cmpeq_epi8(v, NL)) & valid;
    uint32_t ctl = MASK(LT_U(v, 0x20)) & valid & ~nl;
    if (ctl != 0) {
      const __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(1)), _mm_cmpeq_epi8(v, _mm_set1_epi8(9))), _mm_cmpeq_epi8(v, _mm_set1_epi8(27)));
      ctl &= ~MASK(allowed);
      const uint32_t cr = MASK(_mm_cmpeq_epi8(v, _mm_set1_epi8(13))) & valid;
      if ((ctl & cr) != 0) {
        uint32_t before_nl = nl >> 1;
        if (end - p <= 16) before_nl |= 1u << (uint32_t)(end - p - 1);
        else if (p[16] == 10) before_nl |= 0x8000;
        ctl &= ~(cr & before_nl);
      }
    }
    const __m128i lo = _mm_and_si128(f, NIBBLE);
    const __m128i hi = _mm_and_si128(_mm_srli_epi16(f, 4), NIBBLE);
    uint32_t cand = (bank(&b0, lo, hi) | bank(&b1, lo, hi)) & valid;
    uint32_t hint = 0, level = 0;
    while (cand != 0) {
      const uint32_t j = (uint32_t)__builtin_ctz(cand);
      cand &= cand - 1;
      const uint8_t *pos = p + j;
      if (pos < inp + 3) continue;
      const uint32_t k = verify(&c, pos - 3);
      if (k & F_HINT) hint |= 1u << j;
      if (k & F_LEVEL) level |= 1u << j;
    }
    const uint32_t letters = ~MASK(_mm_cmpeq_epi8(_mm_and_si128(_mm_shuffle_epi8(llo, _mm_and_si128(v, NIBBLE)), _mm_shuffle_epi8(lhi, _mm_and_si128(_mm_srli_epi16(v, 4), NIBBLE))), ZERO)) & valid;
    // One-letter level tokens: the letter, with no letter or digit on either side.
    if (letters != 0) {
      const __m128i a1 = LT_U(_mm_sub_epi8(f, _mm_set1_epi8(0x61)), 26);
      const __m128i a2 = LT_U(_mm_sub_epi8(v, _mm_set1_epi8(0x30)), 10);
      const uint32_t a = MASK(_mm_or_si128(a1, a2)) & valid;
      const uint32_t alnum_before = p > inp && alnum(&c, p[-1]) ? 1 : 0;
      uint32_t single = letters & ~((a << 1) | alnum_before) & ~(a >> 1);
      if ((single & 0x8000) != 0 && p + 16 < end && alnum(&c, p[16])) single &= 0x7fff;
      level |= single;
    }
    if (nl == 0) {
      flags |= kinds_of(ctl, level, hint);
      continue;
    }
    uint32_t n = nl;
    while (n != 0) {
      const uint32_t k = (uint32_t)__builtin_ctz(n);
      n &= n - 1;
      const uint32_t up_to = (((1u << k) - 1) << 1) | 1;
      flags |= kinds_of(ctl & up_to, level & up_to, hint & up_to);
      out[line++] = (uint8_t)flags;
      flags = 0;
      const uint32_t after = ~up_to;
      ctl &= after;
      level &= after;
      hint &= after;
    }
    flags |= kinds_of(ctl, level, hint);
  }
  if (len >= 3) flags |= verify(&c, end - 3);
  out[line] = (uint8_t)flags;
  return (uint32_t)line + 1;
}

#else
// Not x86-64: the addon exports nothing, and the wasm pass runs.
#endif

// prescan(tables, bytes, out): the flags of each line of bytes (split on newlines: their count + 1)
// into out, and how many; tables as prescan.ts writes them (the wasm module's memory below its input).
napi_value pfa_prescan(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3) return pfa_fail(env, "prescan(tables, bytes, out)");
  uint8_t *t, *in, *out;
  size_t tl, il, ol;
  if (!pfa_array(env, argv[0], napi_uint8_array, (void **)&t, &tl) || !pfa_array(env, argv[1], napi_uint8_array, (void **)&in, &il) || !pfa_array(env, argv[2], napi_uint8_array, (void **)&out, &ol)) return pfa_fail(env, "prescan: Uint8Arrays expected");
  if (tl < TABLES || ol < il + 1) return pfa_fail(env, "prescan: tables or output too small");
  uint32_t lines = 0;
#ifdef PFA_X86
  lines = scan(t, in, il, out);
#endif
  napi_value r;
  napi_create_uint32(env, lines, &r);
  return r;
}

int pfa_prescan_supported(void) {
#ifdef PFA_X86
  __builtin_cpu_init();
  return __builtin_cpu_supports("ssse3");
#else
  return 0;
#endif
}

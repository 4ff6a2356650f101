// Template mining's per-line pass over a chunk of log lines (src/analysis/templates/layouts.ts lays
// out the table and reads `out`; layouts.ts' matchLines is the portable twin, and the tests hold the
// two to the same answers). For each line: is it printable ASCII, does a learned header layout
// match it (its first `span` bytes those of a line read before, each digit as any digit), and if
// so the skeleton key of its message (skeleton-bytes.ts' skeletonHashBytes) and the key and digits
// of its time (layouts.ts' timeKey).
#include "napi.h"

// Table layout (layouts.ts): [0] slot count (a power of two), [1] longest span; slots from HEAD,
// two ints each (hash, layout id + 1); then STRIDE ints per layout from HEAD + 2 * slots; regions
// ([start, end) pairs, L_REGION_AT) after them.
enum { HEAD = 4, STRIDE = 10, OUT = 8, MAX_LINE = 65536 };
enum { L_SPAN, L_TERM, L_MESSAGE, L_PATTERN, L_REGIONS, L_REGION_AT, L_MINUTE, L_SECOND, L_FRAC_FROM, L_FRAC_TO };
// chars.ts' classes
enum { DIGIT = 1, ALPHA = 2, HEX = 4, DELIM = 8, SLASH = 16 };

static const uint32_t P1 = 0x01000193u, P2 = 31u, SEED1 = 0x811c9dc5u, SEED2 = 0x2545f491u, M30 = 0x3fffffffu;
static const uint32_t END = 0x1f;

static inline uint32_t mix(uint32_t h, uint32_t c) { return (h ^ c) * P1; }
static inline int isdig(uint8_t c) { return (unsigned)(c - '0') <= 9u; }

// skeleton-bytes.ts, line for line.
static int marker_run(const uint8_t *cls, const uint8_t *buf, size_t start, size_t end, size_t a, size_t b, uint32_t digits) {
  if (digits < b - a) return b - a >= 5;
  uint8_t before = a > start ? cls[buf[a - 1]] : 0;
  uint8_t after = b < end ? cls[buf[b]] : 0;
  return ((before | after) & ALPHA) == 0;
}

static inline uint32_t marker1(uint32_t h, const uint8_t *cls, const uint8_t *buf, size_t a, size_t b, uint32_t digits) {
  uint32_t m1 = 0x10000u + (uint32_t)(b - a) * 2u + (cls[buf[a]] & DIGIT);
  return ((h ^ m1) * P1 ^ (0x10000u + digits)) * P1;
}

static inline uint32_t marker2(uint32_t h, const uint8_t *cls, const uint8_t *buf, size_t a, size_t b, uint32_t digits) {
  uint32_t m1 = 0x10000u + (uint32_t)(b - a) * 2u + (cls[buf[a]] & DIGIT);
  return (h * P2 + m1) * P2 + 0x10000u + digits;
}

static inline int whole_piece(int led, int slash, size_t length) { return led == 1 ? !slash : led == 2 && length >= 2; }

static void skeleton(const uint8_t *cls, const uint8_t *buf, size_t start, size_t end, int32_t *k1, int32_t *k2) {
  uint32_t h1 = SEED1, h2 = SEED2, r1 = h1, r2 = h2, q1 = h1, q2 = h2, digits = 0;
  size_t runStart = start, pieceAt = start;
  int led = 0, slash = 0, plain = 0, colonBefore = 0;
  for (size_t i = start; i < end; i++) {
    uint8_t c = buf[i];
    uint8_t k = cls[c];
    if (k & (DIGIT | HEX)) {
      if (k & DIGIT) {
        digits++;
        if (i == pieceAt) {
          led = 1;
          q1 = h1;
          q2 = h2;
          slash = 0;
          plain = 0;
        }
      }
      h1 = mix(h1, c);
      h2 = h2 * P2 + c;
      continue;
    }
    if (digits > 0 && marker_run(cls, buf, start, end, runStart, i, digits)) {
      h1 = marker1(r1, cls, buf, runStart, i, digits);
      h2 = marker2(r2, cls, buf, runStart, i, digits);
    }
    if (c <= 32 || (k & DELIM)) {
      if (led && whole_piece(led, slash, i - pieceAt) && !colonBefore && (c != 58 || (plain && (i + 1 >= end || buf[i + 1] != 47)))) {
        h1 = (q1 ^ 0xffffffffu) * P1;
        h2 = q2 * P2 - 1u;
      }
      colonBefore = c == 58;
      led = 0;
      pieceAt = i + 1;
    } else {
      if (i == pieceAt && ((k & SLASH) || ((c == 45 || c == 43) && i + 1 < end && (cls[buf[i + 1]] & DIGIT)))) {
        led = (k & SLASH) ? 2 : 1;
        q1 = h1;
        q2 = h2;
        slash = 0;
      }
      if (k & SLASH) slash = 1;
      plain = 1;
    }
    h1 = mix(h1, c);
    h2 = h2 * P2 + c;
    r1 = h1;
    r2 = h2;
    runStart = i + 1;
    digits = 0;
  }
  if (digits > 0 && marker_run(cls, buf, start, end, runStart, end, digits)) {
    h1 = marker1(r1, cls, buf, runStart, end, digits);
    h2 = marker2(r2, cls, buf, runStart, end, digits);
  }
  if (led && whole_piece(led, slash, end - pieceAt) && !colonBefore) {
    h1 = (q1 ^ 0xffffffffu) * P1;
    h2 = q2 * P2 - 1u;
  }
  *k1 = (int32_t)(h1 & M30);
  *k2 = (int32_t)(h2 & M30);
}

// Printable ASCII or tab only: eight bytes at a time, each word with a byte below 32 or above 126
// looked at byte by byte (a tab, or the end of the answer).
static int printable(const uint8_t *p, size_t len) {
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  size_t j = 0;
  for (; j + 8 <= len; j += 8) {
    uint64_t w;
    memcpy(&w, p + j, 8);
    // a byte below 0x20 borrows into its high bit; one of 0x7f or more has it set, or sets it when one is added
    if ((((w - 0x20 * ones) & ~w) | w | (w + ones)) & highs) {
      for (size_t k = j; k < j + 8; k++)
        if ((p[k] < 32 && p[k] != 9) || p[k] > 126) return 0;
    }
  }
  for (; j < len; j++)
    if ((p[j] < 32 && p[j] != 9) || p[j] > 126) return 0;
  return 1;
}

static int digits_value(const uint8_t *p, int32_t from, int32_t to) {
  int v = 0;
  for (int32_t i = from; i < to; i++) v = v * 10 + (p[i] - '0');
  return v;
}

// The layout whose pattern hashes to h, or -1.
static int32_t find(const int32_t *table, uint32_t h) {
  uint32_t mask = (uint32_t)table[0] - 1u;
  for (uint32_t slot = h & mask;; slot = (slot + 1u) & mask) {
    int32_t id = table[HEAD + 2 * slot + 1];
    if (id == 0) return -1;
    if ((uint32_t)table[HEAD + 2 * slot] == h) return id - 1;
  }
}

static int fits(const int32_t *lay, const uint8_t *patterns, size_t patternsLen, const uint8_t *p, size_t len, size_t span) {
  if ((size_t)lay[L_SPAN] != span) return 0;
  if (lay[L_TERM] < 0 ? span != len : span >= len || p[span] != (uint8_t)lay[L_TERM]) return 0;
  size_t at = (size_t)lay[L_PATTERN];
  if (at + span > patternsLen) return 0;
  const uint8_t *pat = patterns + at;
  for (size_t i = 0; i < span; i++) {
    uint8_t c = p[i];
    if ((isdig(c) ? '0' : c) != pat[i]) return 0;
  }
  return 1;
}

// templateLines(bytes, starts, io, classes, table, patterns, endsAt, out): lines io[0] … io[0] + io[1] - 1.
napi_value pfa_template_lines(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  uint8_t *bytes, *cls, *patterns, *endsAt;
  int32_t *starts, *io, *table, *out;
  size_t bl, sl, iol, cl, tl, pl, el, ol;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 8 ||
      !pfa_array(env, argv[0], napi_uint8_array, (void **)&bytes, &bl) || !pfa_array(env, argv[1], napi_int32_array, (void **)&starts, &sl) ||
      !pfa_array(env, argv[2], napi_int32_array, (void **)&io, &iol) || !pfa_array(env, argv[3], napi_uint8_array, (void **)&cls, &cl) ||
      !pfa_array(env, argv[4], napi_int32_array, (void **)&table, &tl) || !pfa_array(env, argv[5], napi_uint8_array, (void **)&patterns, &pl) ||
      !pfa_array(env, argv[6], napi_uint8_array, (void **)&endsAt, &el) || !pfa_array(env, argv[7], napi_int32_array, (void **)&out, &ol))
    return pfa_fail(env, "templateLines(bytes, starts, io, classes, table, patterns, endsAt, out): typed arrays expected");
  if (iol < 2 || cl < 256 || tl < HEAD) return pfa_fail(env, "templateLines: short io, classes or table");
  size_t from = (size_t)io[0], count = (size_t)io[1];
  if (from + count + 1 > sl || count * OUT > ol) return pfa_fail(env, "templateLines: lines out of range");
  size_t slots = (size_t)table[0], longest = (size_t)table[1];
  size_t layouts0 = HEAD + 2 * slots;
  if (layouts0 > tl || longest + 1 > el) return pfa_fail(env, "templateLines: a table smaller than it says");
  for (size_t n = 0; n < count; n++) {
    size_t i = from + n;
    int32_t *o = out + n * OUT;
    size_t a = (size_t)starts[i], b = (size_t)starts[i + 1] - 1;
    if (b > bl || a > b) return pfa_fail(env, "templateLines: a line outside the bytes");
    if (b > a && bytes[b - 1] == '\r') b--;
    const uint8_t *p = bytes + a;
    size_t len = b - a;
    o[0] = -2;
    if (len == 0 || len > MAX_LINE) continue;
    if (!printable(p, len)) continue;
    o[0] = -1;
    if (p[0] <= 32 || (len >= 3 && p[0] == '-' && p[1] == '-' && p[2] == ' ')) continue; // read whole: a journal marker may start so
    // the first span, at a space or tab or the line's end, whose hash names a layout that fits
    uint32_t h = SEED1;
    size_t stop = len < longest + 1 ? len : longest + 1; // a span of `longest` is looked up at that index
    int32_t id = -1;
    const int32_t *lay = NULL;
    for (size_t j = 0; j < stop && id < 0; j++) {
      uint8_t c = p[j];
      if ((c == 32 || c == 9) && endsAt[j]) {
        int32_t f = find(table, h);
        if (f >= 0 && layouts0 + (size_t)(f + 1) * STRIDE <= tl && fits(table + layouts0 + (size_t)f * STRIDE, patterns, pl, p, len, j)) {
          id = f;
          lay = table + layouts0 + (size_t)f * STRIDE;
        }
      }
      h = mix(h, isdig(c) ? '0' : c);
    }
    if (id < 0 && len <= longest && endsAt[len]) {
      int32_t f = find(table, mix(h, END));
      if (f >= 0 && layouts0 + (size_t)(f + 1) * STRIDE <= tl && fits(table + layouts0 + (size_t)f * STRIDE, patterns, pl, p, len, len)) {
        id = f;
        lay = table + layouts0 + (size_t)f * STRIDE;
      }
    }
    if (id < 0) continue;
    // the message: from the layout's place to the line's end, trailing spaces and tabs trimmed
    size_t m = (size_t)lay[L_MESSAGE], e = len;
    while (e > m && (p[e - 1] == 32 || p[e - 1] == 9)) e--;
    if (m >= e) continue;
    skeleton(cls, p, m, e, &o[1], &o[2]);
    // the time's key: its matches' bytes but the minutes, seconds and fraction of the header's time
    int32_t minute = lay[L_MINUTE], second = lay[L_SECOND], f0 = lay[L_FRAC_FROM], f1 = lay[L_FRAC_TO];
    if (minute >= 0 && ((size_t)minute + 2 > len || second < 0 || (size_t)second + 2 > len || f0 < 0 || f1 < f0 || (size_t)f1 > len))
      return pfa_fail(env, "templateLines: time digits outside their line");
    uint32_t t1 = SEED1, t2 = SEED2;
    size_t regions = (size_t)lay[L_REGIONS], at = (size_t)lay[L_REGION_AT];
    if (at + 2 * regions > tl) return pfa_fail(env, "templateLines: regions outside the table");
    for (size_t r = 0; r < regions; r++) {
      int32_t ra = table[at + 2 * r], rb = table[at + 2 * r + 1];
      if (ra < 0 || (size_t)rb > len) return pfa_fail(env, "templateLines: a region outside its line");
      for (int32_t j = ra; j < rb; j++) {
        if (minute >= 0 && ((j >= minute && j < minute + 2) || (j >= second && j < second + 2) || (j >= f0 && j < f1))) continue;
        t1 = mix(t1, p[j]);
        t2 = t2 * P2 + p[j];
      }
      t1 = mix(t1, 0x100u);
      t2 = t2 * P2 + 0x100u;
    }
    o[0] = id;
    o[3] = (int32_t)t1;
    o[4] = (int32_t)t2;
    o[5] = minute >= 0 ? digits_value(p, minute, minute + 2) : -1;
    o[6] = minute >= 0 ? digits_value(p, second, second + 2) : -1;
    o[7] = minute >= 0 ? digits_value(p, f0, f1) : 0;
  }
  napi_value r;
  napi_create_uint32(env, (uint32_t)count, &r);
  return r;
}

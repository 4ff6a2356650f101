// Skimming over a block's bytes: the lines a selective read would only count, read without making
// a string of each. lineStarts splits a block at its newlines. The skimmers are twins of the
// JavaScript ones: skimFlat of jsonflat.ts skimFlat (JSON lines of a learnt key list that its tight
// pattern reads, an epoch or RFC 3339 time, a level the chooser does not want), skimText of memo.ts
// QuickMemo.skim (text lines of the remembered header at another second of its minute), skimJournal
// of journal.ts skimJournal. Any line one is unsure of ends its run: the JavaScript reader then reads
// that line as it reads every line, so stopping early is never wrong, only slower.
#include "napi.h"
#include <stdio.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

// skimFlat's io slots (a Float64Array): the run's input, then what it read.
enum { IO_FROM, IO_COUNT, IO_MAX, IO_PREV_S, IO_PREV_N, IO_BACK, IO_DIGITS, IO_STOP, IO_A, IO_B, IO_TIME_A, IO_TIME_B, IO_SLOTS };
// Why a run ended: a line to read in JavaScript, or a level word not in the list (its bytes at [a, b)).
enum { STOP_LINE = 0, STOP_WORD = 1 };
// A member's role in the spec (jsonflat-bytes.ts writes it).
enum { K_VALUE = 0, K_LEVEL = 1, K_MESSAGE = 2, K_TIME = 3 };

static inline int digit(uint8_t c) { return (unsigned)(c - '0') <= 9u; }

// Whether [p, p + n) equals [q, q + n).
static inline int same(const uint8_t *p, const uint8_t *q, size_t n) {
  for (; n >= 8; n -= 8, p += 8, q += 8) {
    uint64_t a, b;
    memcpy(&a, p, 8);
    memcpy(&b, q, 8);
    if (a != b) return 0;
  }
  for (size_t k = 0; k < n; k++)
    if (p[k] != q[k]) return 0;
  return 1;
}

// A string's content from p (after its opening quote) to its closing quote, returned; NULL at an
// escape or a control character, as the tight pattern's [^"\\\x00-\x1f], and at any byte above
// ASCII too: such a line is decoded (and its UTF-8 checked) by the JavaScript reader.
static const uint8_t *plain(const uint8_t *p, const uint8_t *end) {
#ifdef __SSE2__
  // Sixteen bytes a step: a signed compare below 0x20 takes the bytes above ASCII too.
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128((const __m128i *)p);
    const int hit = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), _mm_cmplt_epi8(v, space)));
    if (hit != 0) {
      p += __builtin_ctz((unsigned)hit);
      return *p == '"' ? p : NULL;
    }
  }
#endif
  for (; p < end; p++) {
    const uint8_t c = *p;
    if (c == '"') return p;
    if (c == '\\' || c < 0x20 || c >= 0x80) return NULL;
  }
  return NULL;
}

static const uint8_t *literal(const uint8_t *p, const uint8_t *end, const char *word, size_t len) {
  return (size_t)(end - p) >= len && memcmp(p, word, len) == 0 ? p + len : NULL;
}

// JSON's number (json-grammar.ts NUMBER), true, false or null from p; the end of it, or NULL.
static const uint8_t *other(const uint8_t *p, const uint8_t *end) {
  if (p >= end) return NULL;
  if (*p == 't') return literal(p, end, "true", 4);
  if (*p == 'f') return literal(p, end, "false", 5);
  if (*p == 'n') return literal(p, end, "null", 4);
  if (*p == '-') p++;
  if (p >= end) return NULL;
  if (*p == '0') p++;
  else if (*p >= '1' && *p <= '9')
    while (p < end && digit(*p)) p++;
  else
    return NULL;
  if (p < end && *p == '.') {
    const uint8_t *q = ++p;
    while (p < end && digit(*p)) p++;
    if (p == q) return NULL;
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    p++;
    if (p < end && (*p == '+' || *p == '-')) p++;
    const uint8_t *q = p;
    while (p < end && digit(*p)) p++;
    if (p == q) return NULL;
  }
  return p;
}

typedef struct {
  double sec, ns, digits;
  const uint8_t *level, *levelEnd;
  // A string time's text (else NULL: an epoch number).
  const uint8_t *time, *timeEnd;
} Flat;

// jsonraw.ts epochParts over the integer [i, ie) and fraction [f, fe) digits: the unit from the
// integer's length, every digit kept, as whole seconds and nanoseconds; 0 beyond 20 digits.
static int epoch(const uint8_t *i, const uint8_t *ie, const uint8_t *f, const uint8_t *fe, Flat *out) {
  const long len = ie - i;
  const long unit = len <= 11 ? 9 : len <= 14 ? 6 : len <= 17 ? 3 : len <= 20 ? 0 : -1;
  if (unit < 0 || len == 0) return 0;
  const long split = len + unit - 9;
  int64_t hi = 0, lo = 0;
  for (long p = 0; p < split; p++) hi = hi * 10 + (i[p] - '0');
  for (long p = split; p < len; p++) lo = lo * 10 + (i[p] - '0');
  const long fracLen = fe - f < unit ? fe - f : unit;
  for (long p = 0; p < unit; p++) lo = lo * 10 + (p < fracLen ? f[p] - '0' : 0);
  out->sec = (double)hi;
  out->ns = (double)lo;
  out->digits = (double)(9 - unit + fracLen);
  return 1;
}

// Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar (as Date.UTC counts).
static int64_t days(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int digitsAt(const uint8_t *p, const uint8_t *end, size_t n) {
  if ((size_t)(end - p) < n) return 0;
  for (size_t k = 0; k < n; k++)
    if (!digit(p[k])) return 0;
  return 1;
}

static int num(const uint8_t *p, size_t n) {
  int v = 0;
  for (size_t k = 0; k < n; k++) v = v * 10 + (p[k] - '0');
  return v;
}

// jsonflat.ts zoned over a string's text [p, end): `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or an
// offset, a real day from 1900 on, no 24:00 or leap second, an offset within ±23:59; its instant
// (whole seconds, nanoseconds) into out. 0 for any other text (left to the reader).
static int zoned(const uint8_t *p, const uint8_t *end, Flat *out) {
  if (!digitsAt(p, end, 4) || end - p < 19 || p[4] != '-' || !digitsAt(p + 5, end, 2) || p[7] != '-' || !digitsAt(p + 8, end, 2) || p[10] != 'T' ||
      !digitsAt(p + 11, end, 2) || p[13] != ':' || !digitsAt(p + 14, end, 2) || p[16] != ':' || !digitsAt(p + 17, end, 2))
    return 0;
  const int year = num(p, 4), month = num(p + 5, 2), day = num(p + 8, 2), hour = num(p + 11, 2), minute = num(p + 14, 2), second = num(p + 17, 2);
  const uint8_t *q = p + 19;
  int64_t ns = 0;
  if (q < end && *q == '.') {
    const uint8_t *f = ++q;
    while (q < end && digit(*q)) q++;
    const size_t n = (size_t)(q - f);
    if (n < 1 || n > 9) return 0;
    for (size_t k = 0; k < 9; k++) ns = ns * 10 + (k < n ? f[k] - '0' : 0);
  }
  int offset = 0;
  if (q + 1 == end && *q == 'Z') {
  } else if (end - q == 6 && (*q == '+' || *q == '-') && digitsAt(q + 1, end, 2) && q[3] == ':' && digitsAt(q + 4, end, 2)) {
    const int oh = num(q + 1, 2), om = num(q + 4, 2);
    if (oh > 23 || om > 59) return 0;
    offset = (*q == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return 0;
  }
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return 0;
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > mdays[month - 1] + (month == 2 && leap(year))) return 0;
  out->sec = (double)(days(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - (int64_t)offset * 60);
  out->ns = (double)ns;
  out->time = p;
  out->timeEnd = end;
  return 1;
}

// The value of a member of role `kind` from p: the end of it, or NULL where skimFlat would not take
// the line (a value the tight pattern rejects, or one the JavaScript skimmer leaves to the reader:
// a time that is neither an unsigned epoch number nor an RFC 3339 string with its zone, a level or
// message that is not a string).
static const uint8_t *member(uint8_t kind, const uint8_t *p, const uint8_t *end, Flat *out) {
  if (kind == K_TIME && p < end && *p == '"') {
    const uint8_t *close = plain(p + 1, end);
    return close != NULL && zoned(p + 1, close, out) ? close + 1 : NULL;
  }
  if (kind == K_TIME) {
    out->time = NULL;
    const uint8_t *i = p;
    if (p < end && *p == '0') p++;
    else if (p < end && *p >= '1' && *p <= '9')
      while (p < end && digit(*p)) p++;
    else
      return NULL;
    const uint8_t *ie = p, *f = p, *fe = p;
    if (p < end && *p == '.') {
      f = ++p;
      while (p < end && digit(*p)) p++;
      if (p == f) return NULL;
      fe = p;
    }
    // (An exponent would make it another number, whose double only is read: the `,` or `}` that
    // must come next rules it out.)
    return epoch(i, ie, f, fe, out) ? p : NULL;
  }
  if (p < end && *p == '"') {
    const uint8_t *close = plain(p + 1, end);
    if (close == NULL) return NULL;
    if (kind == K_LEVEL) {
      out->level = p + 1;
      out->levelEnd = close;
    }
    return close + 1;
  }
  return kind == K_VALUE ? other(p, end) : NULL;
}

// Whether [p, end) is the spec's flat object exactly: `{`, each member's key (as JSON.stringify
// writes it, quotes included) and value joined by `,` without white space, then `}`.
static int flat(const uint8_t *p, const uint8_t *end, const uint8_t *spec, size_t specLen, Flat *out) {
  out->level = NULL;
  if (p >= end || *p++ != '{') return 0;
  for (size_t s = 0; s + 2 <= specLen;) {
    const uint8_t kind = spec[s];
    const size_t klen = spec[s + 1];
    const uint8_t *key = spec + s + 2;
    if (s + 2 + klen > specLen) return 0;
    if (s > 0 && (p >= end || *p++ != ',')) return 0;
    s += 2 + klen;
    if ((size_t)(end - p) < klen + 1 || p[klen] != ':' || !same(p, key, klen)) return 0;
    p = member(kind, p + klen + 1, end, out);
    if (p == NULL) return 0;
  }
  return p + 1 == end && *p == '}';
}

// Whether the level word [w, we) is one of `words` (each a length byte, then its bytes).
static int known(const uint8_t *w, const uint8_t *we, const uint8_t *words, size_t wordsLen) {
  const size_t len = (size_t)(we - w);
  for (size_t k = 0; k < wordsLen; k += 1 + words[k])
    if (words[k] == len && k + 1 + len <= wordsLen && memcmp(words + k + 1, w, len) == 0) return 1;
  return 0;
}

// The arguments every skimmer takes, (bytes, starts, flags, ...tables, io): a block, where its lines
// start, their prescan flags, `n` tables of bytes the skimmer reads them by, and its io slots (at
// least `slots`), whose first three are the run's first line, the block's line count and the longest
// line to take. 0 after throwing a TypeError that names the skimmer.
typedef struct {
  const uint8_t *bytes, *flags;
  const int32_t *starts;
  size_t bl, from, count;
  double maxLength, *io;
  const uint8_t *table[2];
  size_t tableLen[2];
} Run;

static int run_of(napi_env env, napi_callback_info info, const char *name, size_t n, size_t slots, Run *r) {
  char msg[96];
  size_t argc = 6;
  napi_value argv[6];
  size_t sl, fl, iol;
  int ok = n <= 2 && napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc >= 4 + n;
  ok = ok && pfa_array(env, argv[0], napi_uint8_array, (void **)&r->bytes, &r->bl) && pfa_array(env, argv[1], napi_int32_array, (void **)&r->starts, &sl) &&
       pfa_array(env, argv[2], napi_uint8_array, (void **)&r->flags, &fl) && pfa_array(env, argv[3 + n], napi_float64_array, (void **)&r->io, &iol);
  for (size_t k = 0; ok && k < n; k++) ok = pfa_array(env, argv[3 + k], napi_uint8_array, (void **)&r->table[k], &r->tableLen[k]);
  if (!ok) {
    snprintf(msg, sizeof msg, "%s: (bytes, starts, flags, %zu table(s), io) typed arrays expected", name, n);
    pfa_fail(env, msg);
    return 0;
  }
  if (iol < slots) {
    snprintf(msg, sizeof msg, "%s: io too small", name);
    pfa_fail(env, msg);
    return 0;
  }
  r->from = (size_t)r->io[0];
  r->count = (size_t)r->io[1] < fl ? (size_t)r->io[1] : fl;
  r->maxLength = r->io[2];
  if (r->count + 1 > sl) {
    snprintf(msg, sizeof msg, "%s: starts too short for the count", name);
    pfa_fail(env, msg);
    return 0;
  }
  return 1;
}

// Line i of the run's block, [*p, *end), when a skimmer may read it: not flagged by the prescan,
// within the block, at most maxLength long and not ending in a CR (which the reader drops: the
// JavaScript skimmers leave such lines to it). 0 ends the run.
static inline int skimmable(const Run *r, size_t i, const uint8_t **p, const uint8_t **end) {
  if (r->flags[i] != 0) return 0;
  const size_t a = (size_t)r->starts[i], b = (size_t)r->starts[i + 1] - 1;
  if (b > r->bl || b < a || (double)(b - a) > r->maxLength || (b > a && r->bytes[b - 1] == 13)) return 0;
  *p = r->bytes + a;
  *end = r->bytes + b;
  return 1;
}

// How many lines from `from` a run took, as the skimmer's result.
static napi_value taken(napi_env env, size_t i, size_t from) {
  napi_value r;
  napi_create_uint32(env, (uint32_t)(i - from), &r);
  return r;
}

// lineStarts(bytes, starts): where each line of bytes (split on newlines) starts, into starts (at
// least newlines + 2 long: one more, past the end, so that line i is [starts[i], starts[i + 1] - 1)),
// and how many lines.
napi_value pfa_line_starts(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2) return pfa_fail(env, "lineStarts(bytes, starts)");
  uint8_t *in;
  int32_t *out;
  size_t il, ol;
  if (!pfa_array(env, argv[0], napi_uint8_array, (void **)&in, &il) || !pfa_array(env, argv[1], napi_int32_array, (void **)&out, &ol)) return pfa_fail(env, "lineStarts: a Uint8Array and an Int32Array expected");
  if (il > INT32_MAX - 1) return pfa_fail(env, "lineStarts: block too large");
  size_t n = 0;
  out[0] = 0;
  for (const uint8_t *p = in, *end = in + il; p < end;) {
    const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL) break;
    if (n + 2 >= ol) return pfa_fail(env, "lineStarts: starts too small");
    out[++n] = (int32_t)(nl - in + 1);
    p = nl + 1;
  }
  if (n + 2 > ol) return pfa_fail(env, "lineStarts: starts too small");
  out[n + 1] = (int32_t)il + 1;
  napi_value r;
  napi_create_uint32(env, (uint32_t)(n + 1), &r);
  return r;
}

// skimFlat(bytes, starts, flags, spec, words, io): from line io[FROM] on, how many lines skimFlat
// would count; io gets the last one's time (io[PREV_S], io[PREV_N]: the instant before the next
// line, and its fraction digits in io[DIGITS]), the lines that went back in time (added to io[BACK])
// and why the run ended.
napi_value pfa_skim_flat(napi_env env, napi_callback_info info) {
  Run r;
  if (!run_of(env, info, "skimFlat", 2, IO_SLOTS, &r)) return NULL;
  const uint8_t *bytes = r.bytes, *spec = r.table[0], *words = r.table[1];
  const size_t spl = r.tableLen[0], wl = r.tableLen[1], from = r.from, count = r.count;
  double *io = r.io;
  double prevS = io[IO_PREV_S], prevN = io[IO_PREV_N], back = 0;
  Flat f = {0};
  io[IO_STOP] = STOP_LINE;
  size_t i = from;
  for (; i < count; i++) {
    const uint8_t *p, *end;
    if (!skimmable(&r, i, &p, &end) || !flat(p, end, spec, spl, &f)) break;
    if (f.level != NULL && !known(f.level, f.levelEnd, words, wl)) {
      io[IO_STOP] = STOP_WORD;
      io[IO_A] = (double)(f.level - bytes);
      io[IO_B] = (double)(f.levelEnd - bytes);
      break;
    }
    if (f.sec < prevS || (f.sec == prevS && f.ns < prevN)) back++;
    prevS = f.sec;
    prevN = f.ns;
    io[IO_DIGITS] = f.digits;
    // The last line's time as the reader reads it: its digits (an epoch), or its text.
    io[IO_TIME_A] = f.time == NULL ? -1 : (double)(f.time - bytes);
    io[IO_TIME_B] = f.time == NULL ? -1 : (double)(f.timeEnd - bytes);
  }
  io[IO_PREV_S] = prevS;
  io[IO_PREV_N] = prevN;
  io[IO_BACK] += back;
  return taken(env, i, from);
}

// skimText's io slots: the run's input, the remembered key's geometry (memo.ts TimeKey), then what it read.
enum { T_FROM, T_COUNT, T_MAX, T_PREV, T_MINUTE_AT, T_SECOND_AT, T_FRAC_FROM, T_FRAC_TO, T_KEY, T_TAIL, T_MINUTE, T_SCALE, T_BACK, T_SECOND, T_FRAC, T_SLOTS };
// What must follow the key (timestamp.ts tailAfter): anything, the line's end, or no zone (NO_ZONE_AHEAD).
enum { TAIL_ANY = 0, TAIL_END = 1, TAIL_NO_ZONE = 2 };

static inline int alnum(uint8_t c) { return digit(c) || (unsigned)((c | 0x20) - 'a') <= 25u; }

// Whether [p, end) holds a byte above ASCII (a line the JavaScript reader decodes, and checks as UTF-8).
static int high(const uint8_t *p, const uint8_t *end) {
#ifdef __SSE2__
  if (end - p >= 16) {
    __m128i any = _mm_loadu_si128((const __m128i *)(end - 16));
    for (; end - p >= 16; p += 16) any = _mm_or_si128(any, _mm_loadu_si128((const __m128i *)p));
    return _mm_movemask_epi8(any) != 0;
  }
#endif
  for (; p < end; p++)
    if (*p >= 0x80) return 1;
  return 0;
}

// The last few words met after a key and their answers: a run's lines mostly have one of a handful
// there (their levels).
enum { SEEN = 4 };
typedef struct {
  uint32_t word[SEEN], len[SEEN];
  int answer[SEEN];
  unsigned next;
} ZoneSeen;

// NO_ZONE_AHEAD at p: not white space then a digit, a sign, or a word that is Z or one of `zones`
// standing alone (each five bytes: its length, then its letters, at most four, zero-padded). White
// space outside ASCII, which \s also takes, is not met: lines with such bytes end a run before this.
static int noZone(const uint8_t *p, const uint8_t *end, const uint8_t *zones, size_t zonesLen, ZoneSeen *seen) {
  while (p < end && (*p == ' ' || (*p >= 9 && *p <= 13))) p++;
  if (p == end) return 1;
  if (digit(*p) || *p == '+' || *p == '-') return 0;
  const uint8_t *w = p;
  while (p < end && alnum(*p)) p++;
  const size_t len = (size_t)(p - w);
  if (len == 1 && *w == 'Z') return 0;
  if (len == 0 || len > 4) return 1;
  uint32_t word = 0;
  memcpy(&word, w, len);
  for (unsigned k = 0; k < SEEN; k++)
    if (seen->len[k] == len && seen->word[k] == word) return seen->answer[k];
  int answer = 1;
  for (size_t k = 0; k + 5 <= zonesLen; k += 5) {
    uint32_t z;
    memcpy(&z, zones + k + 1, 4);
    if (zones[k] == len && z == word) answer = 0;
  }
  const unsigned at = seen->next++ % SEEN;
  seen->word[at] = word;
  seen->len[at] = (uint32_t)len;
  seen->answer[at] = answer;
  return answer;
}

// skimText(bytes, starts, flags, key, zones, io): memo.ts QuickMemo.skim over a block's bytes: from
// line io[FROM] on, how many lines are the remembered key (its bytes `key`, digits in the minute,
// second and fraction places) at another second of its minute; io gets the last one's second and
// fraction digits and the lines that went back in time.
napi_value pfa_skim_text(napi_env env, napi_callback_info info) {
  Run r;
  if (!run_of(env, info, "skimText", 2, T_SLOTS, &r)) return NULL;
  const uint8_t *key = r.table[0], *zones = r.table[1];
  const size_t kl = r.tableLen[0], zl = r.tableLen[1], from = r.from, count = r.count;
  double *io = r.io;
  const size_t mAt = (size_t)io[T_MINUTE_AT], sAt = (size_t)io[T_SECOND_AT], ff = (size_t)io[T_FRAC_FROM], ft = (size_t)io[T_FRAC_TO], klen = (size_t)io[T_KEY];
  if (!(mAt + 2 <= sAt && sAt + 2 <= ff && ff <= ft && ft <= klen && klen <= kl && ft - ff <= 9)) return pfa_fail(env, "skimText: key places out of order");
  const int tail = (int)io[T_TAIL], minute = (int)io[T_MINUTE];
  const double scale = io[T_SCALE];
  double prev = io[T_PREV], back = 0, second = 0, frac = 0;
  ZoneSeen seen = {{0}, {0}, {0}, 0};
  size_t i = from;
  for (; i < count; i++) {
    const uint8_t *p, *end;
    if (!skimmable(&r, i, &p, &end)) break;
    const size_t len = (size_t)(end - p);
    if (len < klen || high(p, end)) break;
    // The key's text as remembered, but for its digits' places, which hold any digits.
    if (!same(p, key, mAt) || !same(p + mAt + 2, key + mAt + 2, sAt - mAt - 2) || !same(p + sAt + 2, key + sAt + 2, ff - sAt - 2) || !same(p + ft, key + ft, klen - ft)) break;
    if (!digit(p[mAt]) || !digit(p[mAt + 1]) || !digit(p[sAt]) || !digit(p[sAt + 1])) break;
    size_t j = ff;
    while (j < ft && digit(p[j])) j++;
    if (j < ft) break;
    if (tail == TAIL_END ? len != klen : tail == TAIL_NO_ZONE && !noZone(p + klen, end, zones, zl, &seen)) break;
    if (num(p + mAt, 2) != minute) break;
    const int s = num(p + sAt, 2);
    if (s > 59) break;
    double f = 0;
    for (j = ff; j < ft; j++) f = f * 10 + (p[j] - '0');
    const double at = s * 1e9 + f * scale;
    if (at < prev) back++;
    prev = at;
    second = s;
    frac = f;
  }
  io[T_BACK] = back;
  io[T_SECOND] = second;
  io[T_FRAC] = frac;
  return taken(env, i, from);
}

// skimJournal's io slots, and the most keys its spec names.
enum { J_FROM, J_COUNT, J_MAX, J_FIRST, J_QUIET, J_BACK, J_LAST, J_SLOTS };
enum { J_KEYS = 4 };

// journal.ts quotedMicros over a raw value [v, ve) (quotes included): a quoted run of 1 to 16 digits
// below 2^53, as its number; else -1.
static double micros(const uint8_t *v, const uint8_t *ve) {
  const size_t len = (size_t)(ve - v);
  if (len < 3 || len > 18) return -1;
  double n = 0;
  for (const uint8_t *p = v + 1; p < ve - 1; p++) {
    if (!digit(*p)) return -1;
    n = n * 10 + (*p - '0');
  }
  return n <= 9007199254740991.0 ? n : -1;
}

// skimJournal(bytes, starts, flags, keys, io): journal.ts skimJournal over a block's bytes, for
// entries whose every key and value is a plain ASCII string (journalctl's norm; anything else ends
// the run): `keys` names __REALTIME_TIMESTAMP, _SOURCE_REALTIME_TIMESTAMP, PRIORITY and MESSAGE (each
// a length byte, then its bytes), io[QUIET] has bit p set for each priority p the chooser does not
// want, and io[FIRST] is the least microsecond count not back in time for the first entry. io gets
// the last entry's microseconds and the entries that went back in time.
napi_value pfa_skim_journal(napi_env env, napi_callback_info info) {
  Run r;
  if (!run_of(env, info, "skimJournal", 1, J_SLOTS, &r)) return NULL;
  const uint8_t *keys = r.table[0];
  const size_t kl = r.tableLen[0], from = r.from, count = r.count;
  double *io = r.io;
  const uint8_t *key[J_KEYS];
  size_t keyLen[J_KEYS];
  size_t nk = 0;
  for (size_t k = 0; k < kl && nk < J_KEYS; k += 1 + keys[k], nk++) {
    if (k + 1 + keys[k] > kl) return pfa_fail(env, "skimJournal: keys cut short");
    key[nk] = keys + k + 1;
    keyLen[nk] = keys[k];
  }
  if (nk != J_KEYS) return pfa_fail(env, "skimJournal: four keys expected");
  const double first = io[J_FIRST];
  const unsigned quiet = (unsigned)io[J_QUIET];
  double prev = -1, back = 0;
  size_t i = from;
  for (; i < count; i++) {
    const uint8_t *p, *end;
    if (!skimmable(&r, i, &p, &end)) break;
    // The raw values (quotes included) of the four keys, the last of a repeated key winning.
    const uint8_t *val[J_KEYS] = {NULL, NULL, NULL, NULL}, *valEnd[J_KEYS] = {NULL, NULL, NULL, NULL};
    if (p >= end || *p++ != '{') break;
    int ok = 0;
    for (;;) {
      if (p >= end || *p != '"') break;
      const uint8_t *k0 = p + 1, *k1 = plain(k0, end);
      if (k1 == NULL || k1 + 1 >= end || k1[1] != ':' || k1 + 2 >= end || k1[2] != '"') break;
      const uint8_t *v0 = k1 + 2, *v1 = plain(v0 + 1, end);
      if (v1 == NULL) break;
      for (size_t k = 0; k < J_KEYS; k++)
        if ((size_t)(k1 - k0) == keyLen[k] && same(k0, key[k], keyLen[k])) {
          val[k] = v0;
          valEnd[k] = v1 + 1;
        }
      p = v1 + 1;
      if (p + 1 == end && *p == '}') {
        ok = 1;
        break;
      }
      if (p >= end || *p++ != ',') break;
    }
    if (!ok || val[0] == NULL || val[2] == NULL) break;
    const double received = micros(val[0], valEnd[0]);
    if (received < 0) break;
    const double source = val[1] == NULL ? -1 : micros(val[1], valEnd[1]);
    if (source < 0 && val[1] != NULL) break;
    const double us = source >= 0 ? source : received;
    // A priority of one character, a digit the chooser does not want (quiet has bits 0-7 only).
    if (valEnd[2] - val[2] != 3 || !digit(val[2][1]) || (quiet & (1u << (val[2][1] - '0'))) == 0) break;
    if (prev < 0 ? us < first : us < prev) back++;
    prev = us;
  }
  io[J_BACK] = back;
  io[J_LAST] = prev;
  return taken(env, i, from);
}

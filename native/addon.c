// The addon's exports: the prescan where the CPU has SSSE3 (x86-64), the line and JSON-lines
// skimmers and template mining's line pass everywhere the addon builds. src/evidence/logs/native.ts loads it.
#include "napi.h"

static void def(napi_env env, napi_value exports, const char *name, napi_callback cb) {
  napi_value fn;
  if (napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, NULL, &fn) == napi_ok) napi_set_named_property(env, exports, name, fn);
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  if (pfa_prescan_supported()) def(env, exports, "prescan", pfa_prescan);
  def(env, exports, "lineStarts", pfa_line_starts);
  def(env, exports, "skimFlat", pfa_skim_flat);
  def(env, exports, "skimText", pfa_skim_text);
  def(env, exports, "skimJournal", pfa_skim_journal);
  def(env, exports, "templateLines", pfa_template_lines);
  return exports;
}

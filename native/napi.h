// What the addon's files share: N-API, and reading its typed-array arguments.
#ifndef PFA_NAPI_H
#define PFA_NAPI_H
#include <node_api.h>
#include <stdint.h>
#include <string.h>

// Throws a TypeError with `msg`; returns NULL for the caller to return.
static inline napi_value pfa_fail(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

// The data and element count of a typed array of `type`; 0 for anything else.
static inline int pfa_array(napi_env env, napi_value v, napi_typedarray_type type, void **data, size_t *len) {
  bool is;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  napi_typedarray_type got;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &got, len, data, &ab, &offset) != napi_ok || got != type) return 0;
  return 1;
}

napi_value pfa_prescan(napi_env env, napi_callback_info info);
int pfa_prescan_supported(void);
napi_value pfa_line_starts(napi_env env, napi_callback_info info);
napi_value pfa_skim_flat(napi_env env, napi_callback_info info);
napi_value pfa_skim_text(napi_env env, napi_callback_info info);
napi_value pfa_skim_journal(napi_env env, napi_callback_info info);
napi_value pfa_template_lines(napi_env env, napi_callback_info info);
#endif

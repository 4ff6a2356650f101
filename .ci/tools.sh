#!/usr/bin/env bash
# gcc and gdb (Debian's packages): the crash tests compile a small program, let it crash under gdb
# and read the core dump gdb writes with `pfa crash --core --binary`. Installed only when missing.
set -euo pipefail
if ! command -v gcc >/dev/null || ! command -v gdb >/dev/null; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev gdb >/dev/null
fi

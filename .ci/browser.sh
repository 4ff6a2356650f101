#!/usr/bin/env bash
# Debian's Chromium (driven by playwright-core for PDF output and the browser tests) and poppler-utils
# (pdftoppm/pdftotext: the tests rasterize and read the PDFs). Installed only when missing.
set -euo pipefail
if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils fonts-dejavu-core >/dev/null
fi
export PFA_CHROMIUM="${PFA_CHROMIUM:-$(command -v chromium)}"

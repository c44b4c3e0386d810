#!/usr/bin/env bash
# Makes sure the browser end-to-end tests can run: Debian chromium at
# /usr/bin/chromium and fonts that render Chinese (Noto CJK) and Arabic (Noto
# Naskh/Sans Arabic). Installs what is missing with apt-get; quiet when all is there.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Read the font list once (grep -q on a pipe would end fc-list early and trip pipefail).
fonts=$(fc-list : family 2>/dev/null || true)
grep -qi 'Noto Sans CJK' <<<"$fonts" || missing+=(fonts-noto-cjk)
grep -qiE 'Noto (Naskh|Sans) Arabic' <<<"$fonts" || missing+=(fonts-noto-core)

[ ${#missing[@]} -eq 0 ] && exit 0

echo "ensure-browser: installing ${missing[*]} (needed by the browser tests)" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "ensure-browser: not root and no sudo; install these packages yourself: ${missing[*]}" >&2
    exit 1
  fi
else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# fontconfig gives fc-list, which the checks above use.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
echo "ensure-browser: done" >&2

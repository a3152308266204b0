#!/usr/bin/env bash
# The Debian packages Inscrinet needs beside Python: espeak-ng (the captcha's spoken code,
# in French), libmagic (the type of an uploaded piece, read in its bytes) and clamav-daemon
# with clamav's sigtool (the antivirus of the pieces), pango and the DejaVu font (the
# PDFs) for the product; for the tests,
# chromium (browser tests) and poppler-utils (PDF checks). Run as root, it installs what is missing; otherwise it prints
# the exact command to run. Usage: scripts/system-packages.sh demo|test
set -euo pipefail
purpose=${1:-demo}

declare -A package_of=([espeak-ng]="espeak-ng" [file]="file libmagic1" [clamd]="clamav-daemon" [sigtool]="clamav" [chromium]="chromium chromium-driver" [pdftotext]="poppler-utils")
commands=(espeak-ng file clamd sigtool)
if [ "$purpose" = test ]; then
  commands+=(chromium pdftotext)
fi

missing=()
for command in "${commands[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=(${package_of[$command]})
done
# WeasyPrint's PDFs: pango, and the font fontconfig brings with it (DejaVu), from which the
# letters the Marianne font lacks (Greek, Cyrillic) are drawn: without it, boxes.
compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -z "${INSCRINET_NO_APT:-}" ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "Missing Debian packages: ${missing[*]}"
echo "Install them with:  sudo apt-get install -y ${missing[*]}"
if [ "$purpose" = test ]; then
  echo "(until then the tests that need them are skipped, and fail under CI=true)"
else
  echo "(until then the captcha offers no spoken code and the uploaded pieces are neither typed nor scanned)"
fi

#!/usr/bin/env bash
# The demo's antivirus: Debian's clamd in the foreground on var/clamd.sock (the product's
# default INSCRINET_CLAMD_ADDRESS). No signature database can be downloaded on a machine
# without internet: this one knows the EICAR test file only (by its MD5 and as a body
# pattern), enough to see an infected piece caught. Production: README « Antivirus ».
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clamd >/dev/null 2>&1 || ! command -v sigtool >/dev/null 2>&1; then
  echo "clamd absent (apt-get install clamav-daemon clamav) : les pièces déposées restent « en cours d'analyse »." >&2
  exec sleep infinity
fi
dir=$PWD/var/clamd
mkdir -p "$dir/db"
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
if [ ! -s "$dir/db/test.hdb" ]; then
  printf '%s' "$eicar" > "$dir/eicar.com"
  sigtool --md5 "$dir/eicar.com" > "$dir/db/test.hdb"
  printf 'Eicar-Test-Body:0:*:%s\n' "$(printf '%s' "$eicar" | od -An -tx1 | tr -d ' \n')" > "$dir/db/test.ndb"
fi
cat > "$dir/clamd.conf" <<CONF
Foreground yes
LocalSocket $PWD/var/clamd.sock
DatabaseDirectory $dir/db
LogFile $dir/clamd.log
PidFile $dir/clamd.pid
CONF
rm -f var/clamd.sock
exec clamd --config-file="$dir/clamd.conf" >/dev/null  # its log: var/clamd/clamd.log

#!/usr/bin/env bash
# Feeds PhiloxStream's raw 32-bit output (tests/Dieharder/PhiloxRaw.csproj) to Debian's dieharder (apt-get install dieharder).
#
#   tests/Dieharder/dieharder.sh                 # the full battery, dieharder -a (hours on a laptop)
#   tests/Dieharder/dieharder.sh -d 0 -d 2 ...   # chosen tests only (dieharder -l lists them); one dieharder run per -d
#   SEED=123 STREAM=4 tests/Dieharder/dieharder.sh ...
#
# The words are those of PhiloxStream(SEED, STREAM).FillUInt32(…, path 0, step 0, 1, …): the generator as the
# simulations use it, not a separate raw mode. dieharder reads them with -g 200 (stdin_input_raw).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seed="${SEED:-20240601}"
stream="${STREAM:-0}"
command -v dieharder >/dev/null || { echo "dieharder not found: apt-get install dieharder" >&2; exit 2; }

dotnet build -c Release "$here/PhiloxRaw.csproj" -v quiet -nologo >&2
raw="$here/bin/Release/net10.0/PhiloxRaw.dll"

if [ "$#" -eq 0 ]; then
  dotnet "$raw" "$seed" "$stream" | dieharder -a -g 200
else
  while [ "$#" -gt 0 ]; do
    case "$1" in
      -d) dotnet "$raw" "$seed" "$stream" | dieharder -g 200 -d "$2"; shift 2 ;;
      *) echo "usage: $0 [-d test]..." >&2; exit 2 ;;
    esac
  done
fi

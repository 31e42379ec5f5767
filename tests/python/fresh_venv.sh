#!/usr/bin/env bash
# The wheel in a fresh virtual environment, used from a directory outside the
# repository: pip install, import orbita, build the seed, read alignment with pandas.
# Usage: tests/python/fresh_venv.sh PYTHON WHEEL_DIR
set -euo pipefail
python=$1
wheels=$(cd "$2" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheels"/orbita-*.whl pandas
cd "$work"
"$work/venv/bin/python" - "$root/data/raw" "$work/out" <<'PY'
import sys
import orbita
ds = orbita.build(sys.argv[1], out=sys.argv[2])
df = ds.table("alignment").to_pandas()
assert len(df) == ds.manifest["tables"]["alignment"]["rows"] > 0, len(df)
assert ds.verify() == []
print(f"fresh venv: orbita {orbita.__version__} built {ds.id}: {len(df)} alignment rows")
PY

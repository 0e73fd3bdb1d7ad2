#!/usr/bin/env bash
# Fetches the ONNX Runtime shared library phiscrub's NER model needs into runtime/ (gitignored).
#
# The library comes from the PyPI `onnxruntime` wheel (the only registry that ships it here);
# the wheel holds `onnxruntime/capi/libonnxruntime.so.1.32.0` without an unversioned symlink,
# so it is copied out under both names. Idempotent: does nothing when the library is present.
# phiscrub looks for it in: $ORT_DYLIB_PATH, next to the binary, <project>/runtime/, then a
# Python site-packages onnxruntime/capi/ folder.
set -euo pipefail
ORT_VERSION=1.32.0
cd "$(dirname "$0")/.."
dest=runtime
lib="$dest/libonnxruntime.so.$ORT_VERSION"
if [[ -f "$lib" ]]; then
    echo "setup: $lib already present"
    exit 0
fi
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet "onnxruntime==$ORT_VERSION" --no-deps --only-binary=:all: -d "$tmp"
wheel=$(ls "$tmp"/onnxruntime-"$ORT_VERSION"-*.whl)
python3 - "$wheel" "$lib" <<'PY'
import shutil, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if "/capi/libonnxruntime.so." in n)
    with z.open(name) as src, open(out + ".tmp", "wb") as dst:
        shutil.copyfileobj(src, dst)
shutil.move(out + ".tmp", out)
PY
ln -sf "libonnxruntime.so.$ORT_VERSION" "$dest/libonnxruntime.so"
echo "setup: wrote $lib"

"""The Python extension (orbita-python, built by maturin) and the orbita CLI
compile their shared dependencies with the same features, so that `make all`
compiles each shared crate once in release (cargo resolves features per
invocation: one more feature on one side recompiles that crate and everything
above it). Exit 1 with the differences otherwise.

Run: python3 tests/build/same_features.py  (needs cargo; reads Cargo.lock, no network)
"""

import subprocess
import sys


def features(package):
    out = subprocess.run(
        ["cargo", "tree", "--locked", "--offline", "-p", package, "-e", "normal,build", "--prefix", "none",
         "--no-dedupe", "-f", "{p}|{f}"],
        capture_output=True, text=True,
    )
    if out.returncode != 0:
        sys.exit(f"cargo tree -p {package} failed:\n{out.stderr}")
    out = out.stdout
    seen = {}
    for line in out.splitlines():
        if "|" not in line:
            continue
        name, feats = line.split("|", 1)
        name = name.replace(" (*)", "").strip()
        feats = feats.replace(" (*)", "").strip()
        seen.setdefault(name, set()).add(feats)
    return seen


def main():
    cli, py = features("orbita"), features("orbita-python")
    diffs = [(name, sorted(cli[name]), sorted(py[name])) for name in sorted(set(cli) & set(py)) if cli[name] != py[name]]
    for name, a, b in diffs:
        print(f"{name}: CLI {a} vs Python extension {b}")
    if diffs:
        print(f"{len(diffs)} shared crates differ in features: add to pipeline/python/Cargo.toml what enables them")
        return 1
    print(f"{len(set(cli) & set(py))} shared crates, same features")
    return 0


if __name__ == "__main__":
    sys.exit(main())

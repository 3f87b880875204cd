#!/usr/bin/env python3
"""Release build time of a crate holding the 5,000-code enum, two ways.

- `ess`: `#[error_enum(spec = "synthetic-5000.json")] pub enum Synth {}`, i.e.
  the enum, its docs, the info table, the perfect-hash lookup and the impls;
- `strum_shape`: the same 5,000 variants and one big `match` on `&str` for
  the lookup (what strum's `EnumString` generates), nothing else.

Both crates live in target/build-time/ with the dependencies built first, so
each timing is the compile of that one crate (`touch src/lib.rs`, then
`cargo build --release`), repeated; the minimum and median are printed.

    python3 scripts/measure_build_time.py [--size 5000] [--runs 3]
"""
import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def setup(work, size):
    spec_path = ROOT / "benches" / "specs" / f"synthetic-{size}.json"
    codes = [e["code"] for e in json.loads(spec_path.read_text(encoding="utf-8"))["errors"]]
    write(work / "Cargo.toml", '[workspace]\nmembers = ["ess", "strum_shape"]\nresolver = "2"\n')
    shutil.copy(ROOT / "Cargo.lock", work / "Cargo.lock")
    runtime = json.dumps(str(ROOT / "ess-runtime"))
    for name in ("ess", "strum_shape"):
        deps = f"ess-runtime = {{ path = {runtime} }}\n" if name == "ess" else ""
        write(work / name / "Cargo.toml",
              f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n{deps}')
    shutil.copy(spec_path, work / "ess" / "synthetic.json")
    write(work / "ess" / "src" / "lib.rs",
          '#[ess_runtime::error_enum(spec = "synthetic.json")]\npub enum Synth {}\n')
    variants = "".join(f"    V{i},\n" for i in range(len(codes)))
    arms = "".join(f"        {json.dumps(c)} => Some(Synth::V{i}),\n" for i, c in enumerate(codes))
    write(work / "strum_shape" / "src" / "lib.rs",
          "#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum Synth {\n" + variants + "}\n\n"
          "pub fn from_code(code: &str) -> Option<Synth> {\n    match code {\n" + arms +
          "        _ => None,\n    }\n}\n")


def cargo(work, *args):
    subprocess.run(["cargo", *args, "--release", "--offline", "--quiet"], cwd=work, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = ROOT / "target" / "build-time"
    setup(work, args.size)
    cargo(work, "build", "--workspace")  # dependencies, once
    print(f"release build of one crate holding the {args.size}-code enum ({args.runs} runs)")
    print(f"{'shape':<12} {'min (s)':>8} {'median (s)':>11}")
    for name in ("ess", "strum_shape"):
        times = []
        for _ in range(args.runs):
            (work / name / "src" / "lib.rs").touch()
            start = time.perf_counter()
            cargo(work, "build", "-p", name)
            times.append(time.perf_counter() - start)
        print(f"{name:<12} {min(times):>8.2f} {statistics.median(times):>11.2f}")


if __name__ == "__main__":
    main()

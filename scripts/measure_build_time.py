#!/usr/bin/env python3
"""Release build time of crates holding generated code.

Two groups, each crate a member of one workspace in target/build-time/:

- `enum`: the 5,000-code enum two ways: `ess`, i.e.
  `#[error_enum(spec = "synthetic.json")] pub enum Synth {}` (the enum, its
  docs, the info table, the perfect-hash lookup and the impls), and
  `strum_shape`, the same variants and one big `match` on `&str` for the
  lookup (what strum's `EnumString` generates), nothing else;
- `service`: `#[service]` on `spec/ess.json`: `ess_whole` (all of ESS),
  `ess_five` (`operations = [...]`, five of them), `ess_decoding` (all of
  ESS and a function that decodes a body of every operation: what a crate
  that calls them pays, the decoders being generic and so built where they
  are used), `ecs_size` (a synthetic service the size of ECS, 350
  operations and about 940 object types, from `synth_specs.py --service`),
  `rds` (the largest real product at hand, `rds/2014-08-15` of the
  vendor's metadata in `../shared/data/aliyun-openapi-meta`, when it is
  there), and `baseline` (a crate that only depends on ess-runtime, the
  cost every one of them pays). Beside `ess_whole`, `ecs_size` and `rds`,
  each one's floor (`*_floor`): the same types and docs, from the
  expansion itself, with only `#[derive(Debug, Clone, PartialEq,
  Default)]` and no impls (`scripts/floor.py`). The ratio of each to its
  floor is printed: what the generated code costs beyond its types.

The dependencies are built first, so each timing is the compile of one
crate (`touch src/lib.rs`, then `cargo build --release -p NAME`), repeated;
the minimum and median are printed.

    python3 scripts/measure_build_time.py [--group enum|service] [--runs 3]
"""
import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import floor  # noqa: E402
import synth_specs  # noqa: E402

RDS_META = ROOT.parent / "shared" / "data" / "aliyun-openapi-meta" / "rds" / "2014-08-15" / "api-docs.json"
FLOORED = {"ess_whole": ("ess.json", "ess"), "ecs_size": ("ecs.json", "ecs"), "rds": ("rds.json", "rds")}

FIVE = ["DescribeScalingGroups", "CreateScalingGroup", "DescribeScalingActivities",
        "DescribeScalingInstances", "DeleteScalingGroup"]


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def enum_crates(work):
    spec_path = ROOT / "benches" / "specs" / "synthetic-5000.json"
    codes = [e["code"] for e in json.loads(spec_path.read_text(encoding="utf-8"))["errors"]]
    shutil.copy(spec_path, work / "ess" / "synthetic.json")
    variants = "".join(f"    V{i},\n" for i in range(len(codes)))
    arms = "".join(f"        {json.dumps(c)} => Some(Synth::V{i}),\n" for i, c in enumerate(codes))
    return {
        "ess": '#[ess_runtime::error_enum(spec = "synthetic.json")]\npub enum Synth {}\n',
        "strum_shape": "#[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum Synth {\n" + variants + "}\n\n"
        "pub fn from_code(code: &str) -> Option<Synth> {\n    match code {\n" + arms +
        "        _ => None,\n    }\n}\n",
    }


def ess_command(*args):
    subprocess.run(["cargo", "build", "--quiet", "-p", "ess-cli"], cwd=ROOT, check=True)
    return subprocess.run([str(ROOT / "target" / "debug" / "ess"), *args], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout


def service_crates(work):
    for name in ("ess_whole", "ess_five", "ess_decoding"):
        shutil.copy(ROOT / "spec" / "ess.json", work / name / "ess.json")
    operations = json.loads((ROOT / "spec" / "ess.json").read_text(encoding="utf-8"))["responses"]
    calls = "".join(
        f"        {json.dumps(op)} => ess_runtime::decode_operation::<ess::{op}>(status, None, body).is_ok(),\n"
        for op in operations)
    synthetic, made = synth_specs.service(350, 940)
    write(work / "ecs_size" / "ecs.json", json.dumps(synthetic, ensure_ascii=False, indent=1) + "\n")
    print(f"ecs_size: {len(synthetic['responses'])} operations, {made} object types")
    five = ", ".join(json.dumps(op) for op in FIVE)
    header = "//! Generated code, built to time it.\n"
    crates = {}
    if RDS_META.exists():
        (work / "rds").mkdir(parents=True, exist_ok=True)
        ess_command("import", "meta", str(RDS_META), "-o", str(work / "rds" / "rds.json"))
        crates["rds"] = header + '#[ess_runtime::service(spec = "rds.json")]\npub mod rds {}\n'
    return crates | {
        "baseline": header + "pub use ess_runtime;\n",
        "ess_whole": header + '#[ess_runtime::service(spec = "ess.json")]\npub mod ess {}\n',
        "ess_five": header + f'#[ess_runtime::service(spec = "ess.json", operations = [{five}])]\npub mod ess {{}}\n',
        "ess_decoding": header + '#[ess_runtime::service(spec = "ess.json")]\npub mod ess {}\n\n'
        "pub fn decodes(operation: &str, status: u16, body: &[u8]) -> bool {\n    match operation {\n" + calls +
        "        _ => false,\n    }\n}\n",
        "ecs_size": header + '#[ess_runtime::service(spec = "ecs.json")]\npub mod ecs {}\n',
    }


def floor_crates(work, crates):
    """The floor of each service crate that has one, from its expansion."""
    floors = {}
    for name, (spec, module) in FLOORED.items():
        if name not in crates:
            continue
        expanded = ess_command("expand", str(work / name / spec), "--service", module)
        floors[f"{name}_floor"] = "//! The floor of `" + name + "`: its types alone.\n#![allow(unused_imports)]\n" + \
            floor.floor(expanded)
    return floors


GROUPS = {"enum": enum_crates, "service": service_crates}


def cargo(work, *args):
    subprocess.run(["cargo", *args, "--release", "--offline", "--quiet"], cwd=work, check=True)


def measure(group, runs):
    work = ROOT / "target" / "build-time" / group
    work.mkdir(parents=True, exist_ok=True)
    names = {"enum": ["ess", "strum_shape"],
             "service": ["baseline", "ess_whole", "ess_five", "ess_decoding", "ecs_size"]}[group]
    for name in names:
        (work / name).mkdir(parents=True, exist_ok=True)
    crates = GROUPS[group](work)
    if group == "service":
        crates |= floor_crates(work, crates)
    names = [n for n in names if n in crates] + [n for n in crates if n not in names]
    members = ", ".join(json.dumps(n) for n in names)
    write(work / "Cargo.toml", f'[workspace]\nmembers = [{members}]\nresolver = "2"\n')
    shutil.copy(ROOT / "Cargo.lock", work / "Cargo.lock")
    runtime = json.dumps(str(ROOT / "ess-runtime"))
    for name, source in crates.items():
        deps = "" if name == "strum_shape" else f"ess-runtime = {{ path = {runtime} }}\n"
        write(work / name / "Cargo.toml",
              f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n{deps}')
        write(work / name / "src" / "lib.rs", source)
    cargo(work, "build", "--workspace")  # dependencies, and each crate once
    print(f"release build of one crate ({runs} runs; a crate and its floor alternate)")
    times = {name: [] for name in names}
    for _ in range(runs):
        for name in names:
            (work / name / "src" / "lib.rs").touch()
            start = time.perf_counter()
            cargo(work, "build", "-p", name)
            times[name].append(time.perf_counter() - start)
    print(f"{'crate':<16} {'min (s)':>8} {'median (s)':>11} {'vs floor':>9}")
    for name in names:
        floor_name = f"{name}_floor" if f"{name}_floor" in times else \
            ("ess_whole_floor" if name == "ess_decoding" and "ess_whole_floor" in times else None)
        ratio = f"{min(times[name]) / min(times[floor_name]):>8.2f}x" if floor_name else ""
        print(f"{name:<16} {min(times[name]):>8.2f} {statistics.median(times[name]):>11.2f} {ratio:>9}",
              flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=sorted(GROUPS), action="append")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for group in args.group or sorted(GROUPS):
        measure(group, args.runs)


if __name__ == "__main__":
    main()

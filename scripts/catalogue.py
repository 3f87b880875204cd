#!/usr/bin/env python3
"""The catalogue report: every product version of a folder of the vendor's
OpenAPI metadata, imported, checked, expanded, built and decoded.

For each `PRODUCT/VERSION/api-docs.json` under the folder:

1. `ess import meta` writes its spec (the notes are counted: flaws of the
   metadata that the import worked around);
2. `ess check` checks the spec, `ess expand --service` expands it (timed);
3. with `--build`, a crate whose library holds `#[service]` on that spec
   is built in release mode (timed: the library alone, after its
   dependencies, as `measure_build_time.py` times `spec/ess.json`); its
   binary, built in debug mode, decodes every demo body of the metadata
   (`responseDemo`) into its operation's type with `decode_operation`,
   each in the format it is published in. A demo counts as decoded when it
   gives the operation's value, or the API error that a body with a
   success status reports (`"Success": false` beside a code). An XML demo
   that is a fragment (the vendor's demos often drop the root element) is
   decoded wrapped in `<{Op}Response>`, as the service sends it, and
   counted apart.

One table is printed (product, style, operations, notes, demos decoded in
each format, expansion and build time) and a total. The crates live in
`target/catalogue/`.

    python3 scripts/catalogue.py DIR [--build] [--only adb,cs] [--skip-larger-than KB]
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "catalogue"

LIB = r'''//! The service.
#![allow(missing_docs)]
#[ess_runtime::service(spec = "spec.json")]
pub mod svc {}
'''

MAIN = r'''//! Decodes every demo of the metadata given as the argument.
use @CRATE@::svc;

/// `Ok(true)` when the body decoded only once wrapped in the root element
/// the vendor's XML demo left out.
fn decode<O: ess_runtime::Operation>(format: &str, body: &str) -> Result<bool, String> {
    let content_type = if format == "xml" { "application/xml" } else { "application/json" };
    let outcome = |body: &str| match ess_runtime::decode_operation::<O>(200, Some(content_type), body.as_bytes()) {
        Ok(_) | Err(ess_runtime::Error::Api(_)) => Ok(()),
        Err(e) => Err(e.to_string()),
    };
    match outcome(body) {
        Ok(()) => Ok(false),
        Err(e) if format == "xml" && (e.contains("a second root element") || e.contains("text outside the root")) => {
            let body = body.trim_start();
            let body = match body.strip_prefix("<?xml") {
                Some(rest) => rest.split_once("?>").map_or(body, |(_, rest)| rest),
                None => body,
            };
            outcome(&format!("<{0}Response>{body}</{0}Response>", O::NAME)).map(|()| true)
        }
        Err(e) => Err(e),
    }
}

fn dispatch(op: &str, format: &str, body: &str) -> Option<Result<bool, String>> {
    Some(match op {
@ARMS@
        _ => return None,
    })
}

fn main() {
    let path = std::env::args().nth(1).expect("the api-docs.json");
    let text = std::fs::read_to_string(path).expect("readable metadata");
    let meta: serde_json::Value = serde_json::from_str(&text).expect("JSON metadata");
    let mut tally = serde_json::Map::new();
    let mut failures = Vec::new();
    for (op, api) in meta["apis"].as_object().into_iter().flatten() {
        let Some(demos) = api["responseDemo"].as_str() else { continue };
        let Ok(serde_json::Value::Array(demos)) = serde_json::from_str(demos) else { continue };
        for demo in demos {
            let (Some(format), Some(body)) = (demo["type"].as_str(), demo["example"].as_str()) else { continue };
            let format = format.to_ascii_lowercase();
            if body.trim().is_empty() || (format != "json" && format != "xml") {
                continue;
            }
            let Some(outcome) = dispatch(op, &format, body) else { continue };
            let counts = tally.entry(format.clone()).or_insert(serde_json::json!([0, 0, 0]));
            counts[1] = (counts[1].as_u64().unwrap() + 1).into();
            match outcome {
                Ok(wrapped) => {
                    counts[0] = (counts[0].as_u64().unwrap() + 1).into();
                    if wrapped {
                        counts[2] = (counts[2].as_u64().unwrap() + 1).into();
                    }
                }
                Err(e) => failures.push(format!("{op} ({format}): {e}")),
            }
        }
    }
    println!("{}", serde_json::json!({ "tally": tally, "failures": failures }));
}
'''


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def crate_name(product):
    return "cat_" + product.replace("-", "_").replace("/", "_").replace(".", "_")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=pathlib.Path)
    parser.add_argument("--build", action="store_true", help="build each service and decode its demos")
    parser.add_argument("--only", help="comma-separated product names")
    parser.add_argument("--skip-larger-than", type=int, default=0,
                        help="build only metadata files of at most this many KB (0: all)")
    opts = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "-q", "-p", "ess-cli"], cwd=ROOT, check=True)
    ess = ROOT / "target" / "release" / "ess"
    files = sorted(opts.dir.glob("*/*/api-docs.json"))
    if opts.only:
        wanted = set(opts.only.split(","))
        files = [f for f in files if f.parent.parent.name in wanted]
    WORK.mkdir(parents=True, exist_ok=True)

    rows = []
    for meta in files:
        product = f"{meta.parent.parent.name}/{meta.parent.name}"
        name = crate_name(product)
        crate = WORK / name
        (crate / "src").mkdir(parents=True, exist_ok=True)
        spec = crate / "spec.json"
        info = json.loads(meta.read_text(encoding="utf-8")).get("info", {})
        row = {"product": product, "style": info.get("style", "?"), "kb": meta.stat().st_size // 1024}
        imported = run([str(ess), "import", "meta", str(meta), "-o", str(spec)])
        row["notes"] = sum(1 for line in imported.stderr.splitlines() if line.startswith(str(meta)))
        if imported.returncode != 0:
            row["status"] = "import failed"
            rows.append(row)
            print(imported.stderr[-2000:], file=sys.stderr)
            continue
        responses = json.loads(spec.read_text(encoding="utf-8")).get("responses", {})
        row["operations"] = len(responses)
        checked = run([str(ess), "check", str(spec)])
        if checked.returncode != 0:
            row["status"] = "check failed"
            rows.append(row)
            print(checked.stderr[-2000:], file=sys.stderr)
            continue
        start = time.perf_counter()
        expanded = run([str(ess), "expand", str(spec), "--service", "svc"])
        row["expand"] = time.perf_counter() - start
        if expanded.returncode != 0:
            row["status"] = "expand failed"
            rows.append(row)
            continue
        row["status"] = "ok"
        if opts.build and (not opts.skip_larger_than or row["kb"] <= opts.skip_larger_than):
            arms = "\n".join(f'        "{op}" => decode::<svc::{op}>(format, body),' for op in responses)
            (crate / "src" / "lib.rs").write_text(LIB, encoding="utf-8")
            (crate / "src" / "main.rs").write_text(
                MAIN.replace("@ARMS@", arms).replace("@CRATE@", name), encoding="utf-8")
            (crate / "Cargo.toml").write_text(
                f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
                f'[dependencies]\ness-runtime = {{ path = "{ROOT / "ess-runtime"}" }}\nserde_json = "1"\n',
                encoding="utf-8")
            write_workspace(files_members(WORK))
            env = dict(os.environ, CARGO_INCREMENTAL="0")
            # The dependencies first, then the library alone, timed.
            run(["cargo", "build", "--release", "-q", "--lib", "-p", name], cwd=WORK, env=env)
            (crate / "src" / "lib.rs").touch()
            start = time.perf_counter()
            built = run(["cargo", "build", "--release", "-q", "--lib", "-p", name], cwd=WORK, env=env)
            row["build"] = time.perf_counter() - start
            decoder = run(["cargo", "build", "-q", "--bin", name, "-p", name], cwd=WORK, env=env)
            if built.returncode != 0 or decoder.returncode != 0:
                row["status"] = "build failed"
                print((built.stderr + decoder.stderr)[-3000:], file=sys.stderr)
            else:
                decoded = run([str(WORK / "target" / "debug" / name), str(meta)])
                if decoded.returncode != 0:
                    row["status"] = "decode crashed"
                    print(decoded.stderr[-2000:], file=sys.stderr)
                else:
                    report = json.loads(decoded.stdout)
                    row["json"] = report["tally"].get("json", [0, 0, 0])
                    row["xml"] = report["tally"].get("xml", [0, 0, 0])
                    failures = WORK / f"{name}.failures.txt"
                    failures.write_text("\n".join(report["failures"]) + "\n", encoding="utf-8")
        rows.append(row)
        print(f"{product}: {row['status']}", file=sys.stderr)
    print_table(rows)


def files_members(work):
    return sorted(p.parent.name for p in work.glob("cat_*/Cargo.toml"))


def write_workspace(members):
    listed = ", ".join(f'"{m}"' for m in members)
    (WORK / "Cargo.toml").write_text(f"[workspace]\nmembers = [{listed}]\nresolver = \"2\"\n", encoding="utf-8")


def ratio(pair):
    return f"{pair[0]}/{pair[1]}" if pair and pair[1] else "-"


def print_table(rows):
    print("| product | style | operations | notes | JSON demos decoded | XML demos decoded | of which wrapped | `ess expand` (formatted) | release build (the service) | status |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    totals = {"json": [0, 0, 0], "xml": [0, 0, 0], "ops": 0, "notes": 0, "ok": 0}
    for row in rows:
        for key in ("json", "xml"):
            if key in row:
                for i in range(3):
                    totals[key][i] += row[key][i]
        totals["ops"] += row.get("operations", 0)
        totals["notes"] += row.get("notes", 0)
        totals["ok"] += row["status"] == "ok"
        expand = f"{row['expand'] * 1000:.0f} ms" if "expand" in row else "-"
        build = f"{row['build']:.1f} s" if "build" in row else "-"
        wrapped = row["xml"][2] if "xml" in row else "-"
        print(f"| `{row['product']}` | {row['style']} | {row.get('operations', '-')} | {row['notes']} | "
              f"{ratio(row.get('json'))} | {ratio(row.get('xml'))} | {wrapped} | {expand} | {build} | {row['status']} |")
    pct = lambda p: f" ({100 * p[0] / p[1]:.1f}%)" if p[1] else ""
    print(f"| **{len(rows)} product versions** | | {totals['ops']} | {totals['notes']} | "
          f"{ratio(totals['json'])}{pct(totals['json'])} | {ratio(totals['xml'])}{pct(totals['xml'])} | {totals['xml'][2]} | | | "
          f"{totals['ok']} ok |")


if __name__ == "__main__":
    main()

//! Editing a spec file makes cargo rebuild the crate that uses it: the
//! generated code includes the spec with `include_bytes!`, which puts the file
//! in the crate's dep-info.

use std::path::{Path, PathBuf};
use std::process::Command;

const MAIN: &str = r#"
use ess_runtime::ErrorCode;

#[ess_runtime::error_enum(spec = "spec/codes.json")]
enum Codes {}

fn main() {
    for code in Codes::ALL {
        println!("{code} {}", code.http_status());
    }
}
"#;

fn spec(entries: &[(&str, u16)]) -> String {
    let errors: Vec<String> = entries
        .iter()
        .map(|(code, status)| {
            format!(r#"{{"code": "{code}", "http_status": {status}, "message": "m"}}"#)
        })
        .collect();
    format!(r#"{{"errors": [{}]}}"#, errors.join(", "))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(fixture: &Path) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["run", "--quiet", "--offline"])
        .current_dir(fixture)
        .env("CARGO_TARGET_DIR", fixture.join("target"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn editing_the_spec_rebuilds_the_using_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rebuild-fixture");
    let runtime = root.join("../ess-runtime");
    write(
        &fixture.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"rebuild-fixture\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ness-runtime = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    );
    // The workspace's lock file pins the same versions, so no registry is asked.
    std::fs::copy(root.join("../Cargo.lock"), fixture.join("Cargo.lock")).unwrap();
    write(&fixture.join("src/main.rs"), MAIN);

    write(
        &fixture.join("spec/codes.json"),
        &spec(&[("Throttling", 400)]),
    );
    assert_eq!(run(&fixture), "Throttling 400\n");

    write(
        &fixture.join("spec/codes.json"),
        &spec(&[("Throttling", 429), ("Forbidden.RiskControl", 403)]),
    );
    assert_eq!(run(&fixture), "Throttling 429\nForbidden.RiskControl 403\n");
}

//! Writes the common error enum to `$OUT_DIR/common_error.rs`.

fn main() {
    ess_codegen::Builder::new("spec/common.json", "CommonError")
        .write_to_out_dir()
        .unwrap_or_else(|e| panic!("{e}"));
}

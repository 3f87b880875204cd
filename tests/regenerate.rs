//! The committed specs are what the importers make of the committed
//! fixtures, byte for byte: the vendor's metadata and pages (copies in
//! `fixtures/aliyun-openapi-meta` and `fixtures/aliyun-docs`) give
//! `spec/ess.json`, the seed page's table gives `spec/common.json`.
//! README.md gives the commands that write them; these tests run the same
//! steps as those commands.

use ess_cli::import;
use ess_codegen::model::Shape;
use ess_codegen::{SourceText, Spec};

fn header() -> Spec {
    Spec {
        schema: Some("./schema.json".into()),
        service: Some("Ess".into()),
        api_version: Some("2014-08-28".into()),
        ..Spec::default()
    }
}

#[test]
fn the_seed_table_gives_the_common_spec() {
    let text = std::fs::read_to_string(ess_tests::fixture("seed-response-results.txt")).unwrap();
    let table = import::table::table(&text);
    let spec = Spec {
        errors: table.errors,
        ..header()
    };
    assert!(
        spec.to_json() == ess_spec::COMMON_JSON,
        "spec/common.json is not what the import writes"
    );
    assert_eq!(spec.errors.len(), 14);
    assert!(table
        .skipped
        .iter()
        .any(|(line, why)| *line == 2 && why.starts_with("not a row")));
}

#[test]
fn the_commands_common_codes_are_spec_common_json() {
    assert!(
        import::common::COMMON_JSON == ess_spec::COMMON_JSON,
        "ess-cli/src/import/common.json is not a copy of spec/common.json"
    );
}

/// `ess import meta META --docs PAGES`.
fn import_ess() -> (Spec, Vec<import::docs::Note>) {
    let path = ess_tests::fixture("aliyun-openapi-meta/ess/2014-08-28/api-docs.json");
    let source = SourceText {
        origin: path.display().to_string(),
        text: std::fs::read_to_string(&path).unwrap(),
    };
    let meta = import::meta::meta(&source).unwrap_or_else(|e| panic!("{e}"));
    let docs = import::docs::docs(&[ess_tests::fixture("aliyun-docs/ess")]).unwrap();
    let import::Imported { spec, notes, .. } = import::from_meta(
        meta,
        Some(docs),
        &import::Options {
            schema: header().schema,
            ..import::Options::default()
        },
    );
    (spec, notes)
}

#[test]
fn the_vendors_metadata_and_pages_give_the_ess_spec() {
    let (spec, notes) = import_ess();
    // The text the import writes reads back to the committed file: the
    // checks name every struct as they read it.
    let written = Spec::parse(SourceText {
        origin: "(imported)".into(),
        text: spec.to_json(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        spec.to_json() == ess_spec::ESS_JSON,
        "spec/ess.json is not what the import writes"
    );
    assert!(
        written.to_json() == ess_spec::ESS_JSON,
        "spec/ess.json does not read back as it is"
    );
    assert_eq!(
        (
            written.errors.len(),
            written.operations.len(),
            written.responses.len()
        ),
        (149, 56, 79)
    );
    // Every row of the current English pages' response tables found its
    // property.
    assert!(
        !notes.iter().any(|n| n.what.contains("no property")),
        "a response row was not placed"
    );
    let groups = written.response("DescribeScalingGroups").unwrap();
    let Shape::Object(body) = &groups.body.shape else {
        panic!("DescribeScalingGroups has an object body");
    };
    let list = &body
        .properties
        .iter()
        .find(|p| p.name == "ScalingGroups")
        .unwrap()
        .node;
    assert_eq!(
        list.description[0],
        (
            "en".to_owned(),
            "Details about the scaling groups.".to_owned()
        )
    );
}

#[test]
fn the_vendors_pages_give_the_error_catalogue() {
    let docs = import::docs::docs(&[ess_tests::fixture("aliyun-docs/ess")]).unwrap();
    assert_eq!(
        (
            docs.files,
            docs.rows,
            docs.rejected,
            docs.several_statuses.len()
        ),
        (202, 985, 2, 3)
    );
    let notes: Vec<&str> = docs.notes.iter().map(|n| n.what.as_str()).collect();
    assert!(notes.contains(
        &"rejected: `API is not fully authorized to the Auto Scaling service.` is not a code"
    ));
    assert!(notes.contains(&"normalized: `Duplicate.` read as `Duplicate`"));
    let spec = Spec {
        errors: docs.errors,
        common: docs.common,
        operations: docs.operations,
        ..header()
    };
    assert_eq!((spec.errors.len(), spec.operations.len()), (146, 50));

    // A common code says what the common-codes page says, not what one
    // operation's page says.
    let invalid = spec.error("InvalidParameter").unwrap();
    assert_eq!(
        invalid.message,
        "The specified value of parameter <parameter name> is not valid."
    );
    assert_eq!(
        invalid.descriptions,
        [
            (
                "en".to_owned(),
                "The specified parameter is invalid.".to_owned()
            ),
            ("zh".to_owned(), "指定的参数取值不合法。".to_owned()),
        ]
    );
    // What each page says is kept per operation, row by row.
    let rows = &spec
        .operation("DescribeLifecycleActions")
        .unwrap()
        .code("InvalidParameter")
        .unwrap()
        .rows;
    let messages: Vec<&str> = rows.iter().filter_map(|r| r.message.as_deref()).collect();
    assert_eq!(
        messages,
        [
            "The specified value of parameter \"ScalingActivityId\" is not valid.",
            "The specified value of parameter \"MaxResults\" is not valid.",
            "The specified value of parameter \"LifecycleActionStatus\" is not valid.",
        ]
    );
    assert!(rows.iter().all(|r| r
        .descriptions
        .iter()
        .any(|(lang, text)| lang == "zh" && text == "指定的参数无效。")));
}

#[test]
fn the_runtimes_sts_spec_is_what_the_import_writes() {
    // `ess import meta tests/fixtures/aliyun-openapi-meta/sts/2015-04-01/api-docs.json
    //  -o ess-runtime/src/credentials/sts.json`: the service the credentials
    // providers call STS through.
    let path = ess_tests::fixture("aliyun-openapi-meta/sts/2015-04-01/api-docs.json");
    let source = SourceText {
        origin: path.display().to_string(),
        text: std::fs::read_to_string(&path).unwrap(),
    };
    let meta = import::meta::meta(&source).unwrap_or_else(|e| panic!("{e}"));
    let import::Imported { spec, .. } = import::from_meta(meta, None, &import::Options::default());
    assert!(
        spec.to_json() == include_str!("../ess-runtime/src/credentials/sts.json"),
        "ess-runtime/src/credentials/sts.json is not what the import writes"
    );
}

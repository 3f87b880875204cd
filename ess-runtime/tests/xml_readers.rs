//! The two XML readers, the streaming one of generated types and the tree
//! of serde types, accept the same documents and read the same text out
//! of them: on documents built around what the tokenizer and the text rule
//! decide.
#![deny(warnings)]

use ess_runtime::{decode_operation, Decoder, Error, Operation};
use serde::Deserialize;

#[ess_runtime::service(spec_json = r#"{
  "errors": [ { "code": "Throttling", "http_status": 400, "message": "Denied.", "retry": "throttling" } ],
  "responses": { "Echo": { "properties": {
    "Message": { "type": "string" },
    "Inner": { "type": "object", "properties": { "Message": { "type": "string" } } }
  } } }
}"#)]
pub mod svc {}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Echo {
    message: Option<String>,
    inner: Option<Inner>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Inner {
    message: Option<String>,
}

/// What a reader made of a document: the two messages, or the error's kind
/// and place.
type Read = Result<[Option<String>; 2], String>;

/// What each reader, the streaming one and the tree, made of `xml`.
fn both(decoder: Decoder, xml: &str) -> (Read, Read) {
    let failed = |e: Error<<svc::Echo as Operation>::Error>| match e {
        Error::Body(e) => format!("{:?} at {:?}", e.kind(), e.location().map(|l| l.offset)),
        other => format!("{other:?}"),
    };
    let stream = decoder
        .decode_operation::<svc::Echo>(200, Some("text/xml"), xml.as_bytes())
        .map(|ok| [ok.body.message, ok.body.inner.and_then(|i| i.message)])
        .map_err(failed);
    let tree = decoder
        .decode::<Echo, _>(200, Some("text/xml"), xml.as_bytes())
        .map(|ok: ess_runtime::Success<Echo>| {
            [ok.body.message, ok.body.inner.and_then(|i| i.message)]
        })
        .map_err(failed);
    (stream, tree)
}

#[test]
fn both_readers_read_the_same_text_and_refuse_the_same_documents() {
    let documents = [
        "<EchoResponse><Message> plain, trimmed </Message></EchoResponse>",
        "<EchoResponse><Message><![CDATA[ kept ]]></Message></EchoResponse>",
        "<EchoResponse><Message>&#x20;kept&#x20;</Message></EchoResponse>",
        "<EchoResponse><Message> a &amp; b </Message></EchoResponse>",
        "<EchoResponse><Message>x&/Message></EchoResponse>",
        "<EchoResponse><!--><Message>in a comment</Message>--></EchoResponse>",
        "<EchoResponse><Message>a<b</Message></EchoResponse>",
        "<EchoResponse></EchoResponse>&#x20;",
        "<EchoResponse></EchoResponse><![CDATA[ ]]>",
        "<EchoResponse></EchoResponse>\n  <!-- fine -->\n",
        "<EchoResponse><Inner>\n  <Message>\n    nested\n  </Message>\n</Inner></EchoResponse>",
        "<EchoResponse><Message>tail",
        "<!DOCTYPE EchoResponse [<!-- don't -->]><EchoResponse><Message>x</Message></EchoResponse>",
    ];
    for xml in documents {
        let (stream, tree) = both(Decoder::new(), xml);
        assert_eq!(stream, tree, "{xml}");
    }
    let (stream, _) = both(Decoder::new(), documents[1]);
    assert_eq!(stream.unwrap()[0].as_deref(), Some(" kept "));
    let (stream, _) = both(Decoder::new(), documents[4]);
    assert!(stream.is_err(), "an `&` that starts no reference");
}

#[test]
fn both_readers_stop_at_the_same_depth() {
    // The root, `Inner` and its `Message`: three levels.
    let xml = "<EchoResponse><Inner><Message>deep</Message></Inner></EchoResponse>";
    let (stream, tree) = both(Decoder::new().max_depth(3), xml);
    assert_eq!(stream, tree);
    assert_eq!(stream.unwrap()[1].as_deref(), Some("deep"));
    let (stream, tree) = both(Decoder::new().max_depth(2), xml);
    assert_eq!(stream, tree);
    assert!(stream.unwrap_err().starts_with("Malformed"));
    // An unknown element is skipped, and counted all the same.
    let xml = "<EchoResponse><Other><Deeper/></Other></EchoResponse>";
    let (stream, tree) = both(Decoder::new().max_depth(2), xml);
    assert_eq!(stream, tree);
    assert!(stream.is_err());
    let (stream, tree) = both(Decoder::new().max_depth(3), xml);
    assert_eq!((stream.is_ok(), tree.is_ok()), (true, true));
}

#[test]
fn the_plain_text_shortcut_reads_what_the_tokens_read() {
    // Each body once with its end tag right after the text (the shortcut)
    // and once with a comment before it (the tokens).
    for text in ["x", " x ", "\u{4e2d}\u{6587}", "a > b", "]]>"] {
        let short = format!("<EchoResponse><Message>{text}</Message></EchoResponse>");
        let long = format!("<EchoResponse><Message>{text}<!-- --></Message></EchoResponse>");
        let read = |xml: &str| {
            decode_operation::<svc::Echo>(200, None, xml.as_bytes())
                .unwrap()
                .body
                .message
        };
        assert_eq!(read(&short), read(&long), "{text:?}");
        // A leaf's text is kept as it is, as JSON keeps a string.
        assert_eq!(read(&short).as_deref(), Some(text));
    }
}

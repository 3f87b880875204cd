//! `ess`: check, expand, explain and import error-code specs, and decode
//! responses, with the same code the macros use.
//!
//! Exit status: 0 on success; 1 when the tool cannot do its job (an
//! unreadable file, a spec with errors); 2 for a usage error. `ess decode`
//! also tells outcomes apart: 0 a success body, 3 an API error, 4 a body that
//! is neither; `ess diff` exits 3 when a change breaks downstream code.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ess_cli::{diff, import, render};
use ess_codegen::{Base, BuildError, Builder, ErrorDef, Problems, Retry, Spec, SpecSource};
use ess_runtime::{Code, Decoder, Error, Format, RetryAdvice, RetryBasis, RetryClass, RetryKind};
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "ess",
    version,
    about = "Typed Rust for Alibaba Cloud APIs: specs from the vendor's metadata, their expansion, decoding and calls"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a spec; problems are printed as compiler diagnostics.
    Check {
        /// The spec file.
        spec: PathBuf,
    },
    /// Print the Rust that `#[error_enum]` (or, with `--service`,
    /// `#[service]`) generates for a spec, formatted.
    Expand {
        /// The spec file.
        spec: PathBuf,
        /// The enum's name.
        #[arg(long = "enum", default_value = "ErrorCode", conflicts_with = "service")]
        enum_name: String,
        /// Generate the whole service, in a module of this name.
        #[arg(long)]
        service: Option<String>,
        /// With `--service`: only these operations (comma-separated).
        #[arg(long, requires = "service", value_delimiter = ',')]
        operations: Option<Vec<String>>,
        /// Where `ess_runtime` is in the generated code.
        #[arg(long = "crate", default_value = "::ess_runtime")]
        krate: String,
        /// Only this operation's codes and the common ones, as
        /// `#[error_enum(operation = "...")]`.
        #[arg(long, requires = "service_enum")]
        operation: Option<String>,
        /// The service-wide enum the operation's enum converts into.
        #[arg(long, requires = "operation")]
        service_enum: Option<String>,
    },
    /// Show what a spec says about one code, and the retry advice for it.
    Explain {
        /// The spec file.
        spec: PathBuf,
        /// The code, exactly as the server sends it.
        code: String,
        /// Also what this operation's page says of the code.
        #[arg(long)]
        operation: Option<String>,
    },
    /// Decode a response body and print the outcome.
    Decode {
        /// The spec whose codes the error is looked up in.
        #[arg(long)]
        spec: PathBuf,
        /// The HTTP status of the response.
        #[arg(long, default_value_t = 200)]
        status: u16,
        /// The response's Content-Type.
        #[arg(long)]
        content_type: Option<String>,
        /// Read the body as this format, whatever it looks like.
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Print the outcome as JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// Read a success body as this operation's response types: a value
        /// that does not fit them is a body error (exit 4), as it is for
        /// the generated code.
        #[arg(long)]
        operation: Option<String>,
        /// The body; `-` or nothing for standard input.
        file: Option<PathBuf>,
    },
    /// Call an operation of a spec, with `--Name value` arguments as the
    /// vendor's CLI takes them (`--RegionId cn-hangzhou --ScalingGroupId.1
    /// asg-1 --Tag.1.Key env`), and print the outcome as `ess decode` does.
    /// The command's options may stand anywhere on the line; after `--`,
    /// every word is the operation's (a parameter named like an option,
    /// `--endpoint`). The arguments
    /// are checked before credentials are looked for, which come from the
    /// vendor's default chain: the environment
    /// (`ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
    /// `ALIBABA_CLOUD_SECURITY_TOKEN`), OIDC (RRSA), the CLI's
    /// `~/.aliyun/config.json` in any mode, `~/.alibabacloud/credentials`,
    /// the ECS instance's RAM role, `ALIBABA_CLOUD_CREDENTIALS_URI`.
    Call {
        /// The spec file.
        spec: PathBuf,
        /// The operation, e.g. `DescribeScalingGroups`.
        operation: String,
        /// The region, whose endpoint the spec gives; it fills the
        /// operation's `RegionId` if the arguments do not. Else
        /// `ALIBABA_CLOUD_REGION_ID`, else the `RegionId` given, else
        /// cn-hangzhou.
        #[arg(long)]
        region: Option<String>,
        /// Send here instead (`http://127.0.0.1:8080`).
        #[arg(long)]
        endpoint: Option<String>,
        /// The profile of `~/.aliyun/config.json`, in any of its modes,
        /// instead of the chain.
        #[arg(long)]
        profile: Option<String>,
        /// Ask for this format (JSON by default).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// Print the outcome as JSON, for scripts.
        #[arg(long)]
        json: bool,
        /// The operation's parameters: `--Name value` or `--Name=value`.
        #[arg(
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "--Name value"
        )]
        parameters: Vec<String>,
    },
    /// Serve a local fake of a spec over HTTP: every operation answers a
    /// body of the spec's examples (or `--fixtures DIR/OPERATION.json` or
    /// `.xml`), in JSON or XML by the request's `Format`; signatures,
    /// timestamps and nonces are checked against `--key`, and a call's
    /// parameters (a ROA call's path and JSON body too) against the spec,
    /// with the vendor's codes. `PageNumber`/`PageSize` and
    /// `NextToken`/`MaxResults` page over the body's list. The first line
    /// printed is `listening on http://HOST:PORT`.
    Serve {
        /// The spec file.
        spec: PathBuf,
        /// Where to listen; port 0 picks a free one.
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: String,
        /// A key the fake accepts, `ID:SECRET` (repeatable); none: requests
        /// are not checked for a signature.
        #[arg(long = "key", value_name = "ID:SECRET")]
        keys: Vec<String>,
        /// A folder of bodies, `OPERATION.json` or `OPERATION.xml`, answered
        /// instead of the spec's examples.
        #[arg(long)]
        fixtures: Option<PathBuf>,
        /// An operation that always answers an error, `OPERATION=CODE`
        /// (`*` for every operation; repeatable): a code of the spec comes
        /// with its status and message, another needs `CODE:STATUS`.
        #[arg(long = "error", value_name = "OPERATION=CODE[:STATUS]")]
        errors: Vec<String>,
        /// The first N requests (of those signed and well formed) are
        /// answered with `Throttling`.
        #[arg(long, default_value_t = 0)]
        throttle_first: u64,
        /// The share of requests answered with `Throttling` (0 to 1).
        #[arg(long, default_value_t = 0.0)]
        throttle_rate: f64,
        /// The share answered with `ServiceUnavailable` (HTTP 503).
        #[arg(long, default_value_t = 0.0)]
        unavailable_rate: f64,
        /// The share answered with a gateway's HTML page (HTTP 502).
        #[arg(long, default_value_t = 0.0)]
        html_rate: f64,
        /// The share answered with HTTP 503 and an empty body.
        #[arg(long, default_value_t = 0.0)]
        empty_rate: f64,
        /// The share of success bodies cut in half.
        #[arg(long, default_value_t = 0.0)]
        truncate_rate: f64,
        /// Milliseconds added before every answer.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// The seed of the faults' draws.
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Compare two versions of a spec: codes added and removed, statuses,
    /// messages and variant names changed, what each operation says of its
    /// codes, and which changes break code that matches on the enums. Exit 0
    /// if nothing breaks, 3 if something does.
    Diff {
        /// The spec as it was.
        old: PathBuf,
        /// The spec as it is.
        new: PathBuf,
    },
    /// Write a spec from what the vendor publishes.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
}

#[derive(Subcommand)]
enum ImportSource {
    /// The vendor's API reference pages (Markdown, English and Chinese):
    /// every error-code table, merged into one spec with what each operation
    /// documents.
    Docs {
        /// Folders of pages, read recursively.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        header: SpecHeader,
    },
    /// The vendor's OpenAPI metadata (`api-docs.json`): the service, every
    /// operation's response tree and its error codes; with `--docs`, merged
    /// with every error-code table of the pages, whose response tables give
    /// the English descriptions.
    Meta {
        /// The metadata file, or `PRODUCT@VERSION` (`Vpc@2016-04-28`) to
        /// fetch it from the vendor's API Explorer.
        file: PathBuf,
        /// With `PRODUCT@VERSION`: the API Explorer's address (a mirror, a
        /// local server); the rest of the path is kept.
        #[arg(long, default_value = import::fetch::API_EXPLORER)]
        from: String,
        /// Folders of the vendor's pages, read recursively.
        #[arg(long)]
        docs: Vec<PathBuf>,
        #[command(flatten)]
        output: Output,
        /// The spec's `$schema` (none by default).
        #[arg(long)]
        schema: Option<String>,
        /// Leave out the vendor's common codes (`Throttling`,
        /// `SignatureDoesNotMatch`, ...), which an RPC, ROA or V3 spec
        /// otherwise has, in `common` and in every operation's enum.
        #[arg(long)]
        no_common: bool,
        /// Fail, writing nothing, if the import notes any flaw of the
        /// metadata (or the pages) that it worked around.
        #[arg(long)]
        strict: bool,
    },
    /// The plain-text table of the vendor's "Response results" page: rows of
    /// `HTTP-status code English-message Chinese-description`.
    Table {
        /// The page's text.
        file: PathBuf,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        header: SpecHeader,
    },
}

/// Where an imported spec goes.
#[derive(Args)]
struct Output {
    /// Write the spec here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Exit non-zero if `--output` differs from what would be written.
    #[arg(long, requires = "output")]
    check: bool,
}

/// The top of an imported spec.
#[derive(Args)]
struct SpecHeader {
    /// The spec's `service`.
    #[arg(long)]
    service: Option<String>,
    /// The spec's `api_version`.
    #[arg(long)]
    api_version: Option<String>,
    /// The spec's `$schema` (none by default).
    #[arg(long)]
    schema: Option<String>,
}

impl SpecHeader {
    fn spec(self) -> Spec {
        Spec {
            schema: self.schema,
            service: self.service,
            api_version: self.api_version,
            ..Spec::default()
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Xml,
}

/// Writes to standard output; a reader that stops reading (`ess ... | head`)
/// ends the command quietly instead of a panic.
fn emit(args: std::fmt::Arguments) {
    use std::io::Write as _;
    if let Err(e) = std::io::stdout().write_fmt(args) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
            std::process::exit(1);
        }
        std::process::exit(0);
    }
}

macro_rules! out {
    ($($arg:tt)*) => { emit(format_args!($($arg)*)) };
}

macro_rules! outln {
    () => { emit(format_args!("\n")) };
    ($($arg:tt)*) => {{ emit(format_args!($($arg)*)); emit(format_args!("\n")) }};
}

/// A failure of the tool itself, printed as one line.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    // clap drops a `--` that opens `ess call`'s trailing words, and with
    // it the line between options and parameters: the words after it are
    // kept aside here.
    let mut words: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let only_parameters = match words.iter().position(|w| w == "--") {
        Some(at) if words.get(1).is_some_and(|w| w == "call") => words
            .split_off(at)
            .into_iter()
            .skip(1)
            .map(|w| w.to_string_lossy().into_owned())
            .collect(),
        _ => Vec::new(),
    };
    match run(Cli::parse_from(words), only_parameters) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Runs the command; `only_parameters`: `ess call`'s words after `--`.
fn run(cli: Cli, only_parameters: Vec<String>) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Check { spec } => {
            let spec = load(&spec)?;
            let plural = |n: usize, what: &str| match n {
                1 => format!("1 {what}"),
                n => format!("{n} {what}s"),
            };
            let mut summary = format!("ok: {} codes", spec.errors.len());
            for (n, what) in [
                (spec.responses.len(), "response"),
                (spec.components.len(), "component"),
                (spec.requests.len(), "request"),
            ] {
                if n > 0 {
                    summary.push_str(&format!(", {}", plural(n, what)));
                }
            }
            outln!("{summary}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Expand {
            spec,
            enum_name,
            service,
            operations,
            krate,
            operation,
            service_enum,
        } => {
            let mut builder = match &service {
                Some(module) => Builder::service(&spec, module),
                None => Builder::new(&spec, &enum_name),
            }
            .crate_path(&krate);
            if let (Some(operation), Some(service_enum)) = (&operation, &service_enum) {
                builder = builder.operation(operation, service_enum);
            }
            if let Some(operations) = &operations {
                builder = builder.operations(operations);
            }
            let tokens = builder.tokens().map_err(report_build)?;
            out!("{}", ess_codegen::pretty(tokens).map_err(Failure)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain {
            spec,
            code,
            operation,
        } => {
            let spec = load(&spec)?;
            let def = spec.error(&code).ok_or_else(|| {
                let hint = render::closest(&code, spec.errors.iter().map(|d| d.code.as_str()));
                Failure(format!("`{code}` is not in the spec{hint}"))
            })?;
            out!("{}", explain(def));
            if let Some(name) = operation {
                out!("{}", explain_operation(&spec, def, &name)?);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Decode {
            spec,
            status,
            content_type,
            format,
            json,
            operation,
            file,
        } => {
            let spec = load(&spec)?;
            let response = match &operation {
                Some(name) => Some(spec.response(name).ok_or_else(|| {
                    let hint =
                        render::closest(name, spec.responses.iter().map(|r| r.operation.as_str()));
                    Failure(format!("the spec has no response for `{name}`{hint}"))
                })?),
                None => None,
            };
            let body = read_body(file.as_deref())?;
            let read = Reading {
                spec: &spec,
                response,
                format,
                json,
            };
            decode(&read, status, content_type.as_deref(), &body)
        }
        Command::Call {
            spec,
            operation,
            region,
            endpoint,
            profile,
            format,
            json,
            mut parameters,
        } => {
            let mut options = CallOptions {
                region,
                endpoint,
                profile,
                format,
                json,
            };
            if !only_parameters.is_empty() {
                parameters.push("--".to_owned());
                parameters.extend(only_parameters);
            }
            let line =
                ess_cli::call::arguments(&parameters, &CallOptions::NAMES).map_err(Failure)?;
            let spec = load(&spec)?;
            // An option among the parameters that is also a parameter of
            // the operation: which one was meant cannot be told.
            for (name, _) in &line.options {
                let parameters = spec.request(&operation).map(|r| &r.parameters.properties);
                if parameters.is_some_and(|p| p.iter().any(|p| p.name == *name)) {
                    return Err(Failure(format!(
                        "--{name} is both an option of `ess call` and a parameter of `{operation}`: \
                         give the option before the parameters, and the parameter after `--` \
                         (`ess call SPEC {operation} --{name} OPTION ... -- --{name} PARAMETER`)"
                    )));
                }
            }
            for (name, value) in line.options {
                options.set(&name, value)?;
            }
            call(&spec, &operation, &line.parameters, options)
        }
        Command::Serve {
            spec: path,
            addr,
            keys,
            fixtures,
            errors,
            throttle_first,
            throttle_rate,
            unavailable_rate,
            html_rate,
            empty_rate,
            truncate_rate,
            latency_ms,
            seed,
        } => {
            let spec = load(&path)?;
            let keys = keys
                .iter()
                .map(|key| {
                    key.split_once(':')
                        .map(|(id, secret)| (id.to_owned(), secret.to_owned()))
                        .ok_or_else(|| Failure("--key takes ID:SECRET".to_owned()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let errors = errors
                .iter()
                .map(|error| ess_cli::serve::InjectedError::parse(&spec, error))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|why| Failure(format!("--error: {why}")))?;
            let rates = [
                throttle_rate,
                unavailable_rate,
                html_rate,
                empty_rate,
                truncate_rate,
            ];
            if rates.iter().any(|r| !(0.0..=1.0).contains(r)) {
                return Err(Failure(
                    "a rate is a share of requests, from 0 to 1".to_owned(),
                ));
            }
            // An operation that only reads and needs no more than a region.
            let sample = spec
                .requests
                .iter()
                .filter(|r| r.read_only)
                .find(|r| {
                    !r.parameters
                        .properties
                        .iter()
                        .any(|p| p.required && p.name != "RegionId")
                })
                .map(|r| r.operation.clone());
            let keys: Option<std::sync::Arc<dyn ess_cli::serve::KeySource>> =
                (!keys.is_empty()).then(|| std::sync::Arc::new(keys) as _);
            let options = ess_cli::serve::Options {
                keys,
                fixtures,
                faults: ess_cli::serve::Faults {
                    throttle_first,
                    errors,
                    throttle: throttle_rate,
                    unavailable: unavailable_rate,
                    html: html_rate,
                    empty: empty_rate,
                    truncate: truncate_rate,
                    latency: std::time::Duration::from_millis(latency_ms),
                    seed,
                },
            };
            let server = ess_cli::serve::Server::bind(&addr, spec, options)
                .map_err(|e| Failure(format!("cannot listen on {addr}: {e}")))?;
            let bound = server.local_addr()?;
            outln!("listening on http://{bound}");
            if let Some(operation) = sample {
                outln!(
                    "try: ess call {} {operation} --region cn-hangzhou --endpoint http://{bound}",
                    path.display()
                );
            }
            server.run();
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { old, new } => {
            let (old, new) = (load(&old)?, load(&new)?);
            let changes = diff::changes(&old, &new);
            for change in &changes {
                outln!("{change}");
            }
            let breaking = changes.iter().filter(|c| c.breaking).count();
            outln!("{} changes, {breaking} breaking", changes.len());
            Ok(ExitCode::from(if breaking > 0 { 3 } else { 0 }))
        }
        Command::Import {
            source:
                ImportSource::Docs {
                    dirs,
                    output,
                    header,
                },
        } => {
            let docs = import::docs::docs(&dirs).map_err(Failure)?;
            for note in &docs.notes {
                eprintln!("{note}");
            }
            for codes in &docs.several_statuses {
                eprintln!("several statuses: {codes}");
            }
            eprintln!("{}", docs.summary());
            let spec = Spec {
                errors: docs.errors,
                common: docs.common,
                operations: docs.operations,
                ..header.spec()
            };
            write_spec(&spec, &output)
        }
        Command::Import {
            source:
                ImportSource::Meta {
                    file,
                    from,
                    docs,
                    output,
                    schema,
                    no_common,
                    strict,
                },
        } => {
            let options = import::Options {
                schema,
                common_codes: !no_common,
            };
            import_meta(&file, &from, &docs, &output, &options, strict)
        }
        Command::Import {
            source:
                ImportSource::Table {
                    file,
                    output,
                    header,
                },
        } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let table = import::table::table(&text);
            for (line, why) in &table.skipped {
                eprintln!("{}:{line}: skipped: {why}", file.display());
            }
            let spec = Spec {
                errors: table.errors,
                ..header.spec()
            };
            eprintln!(
                "{} rows imported, {} lines skipped",
                spec.errors.len(),
                table.skipped.len()
            );
            write_spec(&spec, &output)
        }
    }
}

/// The options of `ess call`, from before the operation's arguments or
/// among them.
struct CallOptions {
    region: Option<String>,
    endpoint: Option<String>,
    profile: Option<String>,
    format: Option<FormatArg>,
    json: bool,
}

impl CallOptions {
    /// Each option's name, and whether it takes a value: what
    /// `ess_cli::call::arguments` takes out of the operation's arguments.
    const NAMES: [(&'static str, bool); 5] = [
        ("region", true),
        ("endpoint", true),
        ("profile", true),
        ("format", true),
        ("json", false),
    ];

    fn set(&mut self, name: &str, value: Option<String>) -> Result<(), Failure> {
        match name {
            "region" => self.region = value,
            "endpoint" => self.endpoint = value,
            "profile" => self.profile = value,
            "format" => {
                let value = value.unwrap_or_default();
                self.format = Some(
                    FormatArg::from_str(&value, true)
                        .map_err(|_| Failure(format!("--format {value}: write json or xml")))?,
                );
            }
            _ => self.json = true,
        }
        Ok(())
    }
}

/// `ess call`: the arguments checked and encoded, then credentials looked
/// for, then the call made and its outcome printed.
fn call(
    spec: &Spec,
    operation: &str,
    arguments: &[(String, String)],
    options: CallOptions,
) -> Result<ExitCode, Failure> {
    let chosen = options.region.clone().or_else(|| {
        std::env::var("ALIBABA_CLOUD_REGION_ID")
            .ok()
            .filter(|r| !r.is_empty())
    });
    let prepared =
        ess_cli::call::prepare(spec, operation, arguments, chosen.as_deref()).map_err(Failure)?;
    let region_id = arguments
        .iter()
        .find(|(name, _)| name == ess_cli::call::REGION_ID)
        .map(|(_, value)| value.clone());
    let region = chosen
        .or(region_id)
        .unwrap_or_else(|| "cn-hangzhou".to_owned());
    let credentials = match options.profile {
        Some(name) => ess_cli::call::CredentialsSource::Profile(name),
        None => ess_cli::call::CredentialsSource::Chain,
    };
    let answer = ess_cli::call::send(
        &prepared,
        ess_cli::call::Destination {
            region: &region,
            endpoint: options.endpoint.as_deref(),
            format: match options.format {
                Some(FormatArg::Xml) => Format::Xml,
                _ => Format::Json,
            },
            credentials,
        },
    )
    .map_err(Failure)?;
    let read = Reading {
        spec,
        response: spec.response(operation),
        format: None,
        json: options.json,
    };
    decode(
        &read,
        answer.status,
        answer.content_type.as_deref(),
        &answer.body,
    )
}

/// `ess import meta`: the metadata, and the pages if given.
fn import_meta(
    file: &Path,
    from: &str,
    dirs: &[PathBuf],
    output: &Output,
    options: &import::Options,
    strict: bool,
) -> Result<ExitCode, Failure> {
    let wanted = file
        .to_str()
        .filter(|_| !file.exists())
        .and_then(import::fetch::ProductVersion::parse);
    let source = match wanted {
        Some(wanted) => import::fetch::metadata(&wanted, from).map_err(Failure)?,
        None => ess_codegen::SourceText {
            origin: file.display().to_string(),
            text: std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?,
        },
    };
    let meta = import::meta::meta(&source).map_err(report)?;
    let pages = if dirs.is_empty() {
        None
    } else {
        let docs = import::docs::docs(dirs).map_err(Failure)?;
        eprintln!("{}", docs.summary());
        Some(docs)
    };
    let import::Imported {
        spec,
        notes,
        summary,
    } = import::from_meta(meta, pages, options);
    for note in &notes {
        eprintln!("{note}");
    }
    eprintln!("{summary}");
    if strict && !notes.is_empty() {
        return Err(Failure(format!(
            "{} notes, and --strict: nothing written (without --strict, the import works around each)",
            notes.len()
        )));
    }
    write_spec(&spec, output)
}

/// Checks an imported spec as every spec is checked, then writes it to
/// `--output` (or standard output); with `--check`, only compares it with
/// what `--output` holds.
fn write_spec(spec: &Spec, output: &Output) -> Result<ExitCode, Failure> {
    let json = spec.to_json();
    let origin = output
        .output
        .as_ref()
        .map_or("(imported spec)".to_owned(), |p| p.display().to_string());
    Spec::parse(ess_codegen::SourceText {
        origin,
        text: json.clone(),
    })
    .map_err(report)?;
    match &output.output {
        Some(path) if output.check => {
            let current = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if current == json {
                eprintln!("{} is up to date", path.display());
                Ok(ExitCode::SUCCESS)
            } else {
                Err(Failure(format!(
                    "{} differs from what the import writes; run it without --check",
                    path.display()
                )))
            }
        }
        Some(path) => {
            std::fs::write(path, json)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            out!("{json}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads and checks a spec through the same front door as the macros;
/// problems are drawn with their place.
fn load(path: &Path) -> Result<Spec, Failure> {
    let source = SpecSource::file(path.display().to_string(), Base::WorkingDirectory);
    ess_codegen::load(&source)
        .map(|loaded| loaded.spec)
        .map_err(report)
}

/// Draws every problem on standard error; the failure counts them.
fn report(problems: Problems) -> Failure {
    // A spec that cannot be read is one line: there is nothing to draw.
    if let ([only], None) = (problems.diagnostics.as_slice(), &problems.source) {
        return Failure(only.message.clone());
    }
    for d in &problems.diagnostics {
        eprint!("{}", render::diagnostic(d, problems.source.as_ref()));
    }
    let count = problems.diagnostics.len();
    let origin = problems
        .source
        .as_ref()
        .map_or("the spec", |source| source.origin.as_str());
    Failure(format!(
        "{origin} has {count} problem{}",
        if count == 1 { "" } else { "s" }
    ))
}

fn report_build(e: BuildError) -> Failure {
    match e {
        BuildError::Problems(problems) => report(problems),
        other => Failure(other.to_string()),
    }
}

fn explain(def: &ErrorDef) -> String {
    let mut out = format!(
        "{}\n  variant:     {}\n  http status: {}\n  message:     {}\n",
        def.code, def.variant.name, def.status, def.message
    );
    for (lang, text) in &def.descriptions {
        out.push_str(&format!("  {lang:<12} {text}\n"));
    }
    out.push_str(&format!(
        "  retry class: {}\n",
        def.retry.map_or("none stated", |r| r.name())
    ));
    let advice = RetryAdvice::new(
        def.retry.map(retry_class),
        Some(&def.code),
        def.status.get(),
        None,
    );
    out.push_str(&format!(
        "  retry:       {} (from {})\n",
        retry_kind(&advice),
        retry_basis(&advice)
    ));
    out
}

/// What `operation`'s page says of the code, row by row.
fn explain_operation(spec: &Spec, def: &ErrorDef, name: &str) -> Result<String, Failure> {
    let operation = spec.operation(name).ok_or_else(|| {
        let hint = render::closest(name, spec.operations.iter().map(|op| op.name.as_str()));
        Failure(format!("the spec documents no operation `{name}`{hint}"))
    })?;
    let Some(code) = operation.code(&def.code) else {
        let common = spec.common.contains(&def.code);
        return Ok(if common {
            format!(
                "on {name}: a common code, not on its page; HTTP {}\n",
                def.status
            )
        } else {
            format!("on {name}: not documented\n")
        });
    };
    let mut out = format!("on {name}:\n");
    for row in &code.rows {
        out.push_str(&format!(
            "  - http status: {}\n    message:     {}\n",
            row.status,
            row.message.as_deref().unwrap_or(&def.message)
        ));
        for (lang, text) in def
            .descriptions
            .iter()
            .filter(|(lang, _)| !row.descriptions.iter().any(|(l, _)| l == lang))
            .chain(&row.descriptions)
        {
            out.push_str(&format!("    {lang:<12} {text}\n"));
        }
    }
    Ok(out)
}

fn read_body(file: Option<&Path>) -> Result<Vec<u8>, Failure> {
    match file {
        Some(path) if path != Path::new("-") => {
            std::fs::read(path).map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
        }
        _ => {
            let mut body = Vec::new();
            std::io::stdin().read_to_end(&mut body)?;
            Ok(body)
        }
    }
}

/// How `ess decode` (and `ess call`) read a body and print the outcome.
struct Reading<'a> {
    /// The spec the error codes are looked up in.
    spec: &'a Spec,
    /// The response types a success body is read as, if any.
    response: Option<&'a ess_codegen::model::Response>,
    /// The format to read, whatever the body looks like.
    format: Option<FormatArg>,
    /// Print JSON, for scripts.
    json: bool,
}

fn decode(
    read: &Reading<'_>,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<ExitCode, Failure> {
    let (spec, as_json) = (read.spec, read.json);
    let mut decoder = Decoder::new();
    if let Some(format) = read.format {
        decoder = decoder.format(match format {
            FormatArg::Json => Format::Json,
            FormatArg::Xml => Format::Xml,
        });
    }
    // A success body that is not an object (a ROA list, a string, a
    // map) has no envelope: it is read as the operation's body alone.
    if let Some(response) = read.response.filter(|r| !is_object(spec, &r.body)) {
        if (200..300).contains(&status) {
            let value = serde_json::from_slice::<Value>(body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()));
            let report = match ess_cli::typed::typed(spec, &response.body, &value) {
                Ok(body) => (
                    json!({"outcome": "success", "status": status, "body": body}),
                    0,
                ),
                Err(why) => (
                    json!({"outcome": "body_error", "kind": "Shape", "status": status,
                           "operation": response.operation, "message": why}),
                    4,
                ),
            };
            return Ok(print_report(&report.0, as_json, report.1));
        }
    }
    let (report, exit) = match decoder.decode::<Value, ess_cli::typed::NoCodes>(
        status,
        content_type,
        body,
    ) {
        Ok(success) => {
            let typed = match read.response {
                Some(response) => ess_cli::typed::typed(spec, &response.body, &success.body),
                None => Ok(success.body),
            };
            match typed {
                Ok(body) => (
                    json!({"outcome": "success", "status": status, "request_id": success.request_id, "body": body}),
                    0,
                ),
                Err(why) => (
                    json!({
                        "outcome": "body_error",
                        "kind": "Shape",
                        "status": status,
                        "operation": read.response.map(|r| r.operation.as_str()),
                        "message": why,
                        "request_id": success.request_id,
                    }),
                    4,
                ),
            }
        }
        Err(Error::Api(e)) => {
            let code = match e.code() {
                Code::Unknown(code) => &**code,
                Code::Known(never) => match *never {},
            };
            let def = spec.error(code);
            let stated = def.and_then(|d| d.retry).map(retry_class);
            let retry = RetryAdvice::new(stated, Some(code), e.status(), None);
            let descriptions: serde_json::Map<String, Value> = def
                .map(|d| {
                    d.descriptions
                        .iter()
                        .map(|(l, t)| (l.clone(), Value::from(t.as_str())))
                        .collect()
                })
                .unwrap_or_default();
            (
                json!({
                    "outcome": "api_error",
                    "status": e.status(),
                    "code": code,
                    "known": def.is_some(),
                    "message": e.message(),
                    "request_id": e.request_id(),
                    "host_id": e.host_id(),
                    "recommend": e.recommend(),
                    "retry": retry_kind(&retry),
                    "retry_basis": retry_basis(&retry),
                    "description": descriptions,
                }),
                3,
            )
        }
        Err(Error::Body(e)) => (
            json!({
                "outcome": "body_error",
                "kind": format!("{:?}", e.kind()),
                "status": e.status(),
                "format": e.format().map(|f| f.to_string()),
                "message": e.message(),
                "line": e.location().map(|l| l.line),
                "column": e.location().map(|l| l.column),
                "offset": e.location().map(|l| l.offset),
                "snippet": e.snippet(),
                "retry": retry_kind(&RetryAdvice::new(None, None, e.status(), None)),
            }),
            4,
        ),
        // Decoding a body sends nothing.
        Err(e @ (Error::Request(_) | Error::Transport(_))) => {
            (json!({"outcome": "error", "message": e.to_string()}), 4)
        }
    };
    Ok(print_report(&report, as_json, exit))
}

/// Prints a decoding's report, as a table or as JSON; its exit status.
fn print_report(report: &Value, as_json: bool, exit: u8) -> ExitCode {
    if as_json {
        outln!("{report}");
    } else {
        print_table(report);
    }
    ExitCode::from(exit)
}

/// Whether `node` is an object (the vendor's envelope holds its fields).
fn is_object(spec: &Spec, node: &ess_codegen::model::Node) -> bool {
    use ess_codegen::model::Shape;
    match &node.shape {
        Shape::Object(_) => true,
        Shape::Ref(r) => spec.component(&r.component).is_some(),
        _ => false,
    }
}

/// The runtime's name for a retry class of the spec.
fn retry_class(retry: Retry) -> RetryClass {
    match retry {
        Retry::Throttling => RetryClass::Throttling,
        Retry::Transient => RetryClass::Transient,
    }
}

/// The advice's kind, as a word for reports.
fn retry_kind(advice: &RetryAdvice) -> &'static str {
    match advice.kind {
        RetryKind::Throttling => "throttling",
        RetryKind::Transient => "transient",
        RetryKind::Client => "client",
        _ => "not retryable",
    }
}

/// What the advice rests on, as words for reports.
fn retry_basis(advice: &RetryAdvice) -> &'static str {
    match advice.basis {
        RetryBasis::Spec => "the spec",
        RetryBasis::CodeName => "the code's name",
        RetryBasis::Unsent => "a request never sent",
        RetryBasis::NoResponse => "a request sent without a response",
        _ => "the HTTP status",
    }
}

fn print_table(report: &Value) {
    let Some(fields) = report.as_object() else {
        return;
    };
    for (key, value) in fields {
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            Value::Object(map) if map.is_empty() => continue,
            other if key == "body" => serde_json::to_string_pretty(other).unwrap_or_default(),
            other => other.to_string(),
        };
        outln!(
            "{:<12} {}",
            key.replace('_', " "),
            text.replace('\n', "\n             ")
        );
    }
}

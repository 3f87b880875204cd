//! How names in a spec become Rust names: an error code a variant name, a
//! type name a file name. Each rule is written once, here.

/// Turns an error code into an UpperCamelCase variant name.
///
/// The code is split into words at `.`, `_` and `-` (empty words are
/// skipped). A word in capitals only (`QUOTA`, `NOT`) keeps its first letter
/// and lower-cases the rest; any other word keeps its own case with its first
/// letter upper-cased (`pageNumber` becomes `PageNumber`).
///
/// `Err` says why the code cannot be a name; the spec then needs `variant`.
pub fn variant_name(code: &str) -> Result<String, &'static str> {
    if code.is_empty() {
        return Err("it is empty");
    }
    if let Some(bad) = code
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || is_separator(*c)))
    {
        return Err(if bad.is_whitespace() {
            "it contains white space"
        } else if bad.is_ascii() {
            "it contains a character other than letters, digits, `.`, `_` and `-`"
        } else {
            "it contains a non-ASCII character"
        });
    }
    let mut name = String::with_capacity(code.len());
    for word in code.split(is_separator).filter(|w| !w.is_empty()) {
        let all_caps = !word.bytes().any(|b| b.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
        }
        if all_caps {
            name.extend(chars.map(|c| c.to_ascii_lowercase()));
        } else {
            name.push_str(chars.as_str());
        }
    }
    match name.chars().next() {
        None => Err("it has no letters or digits"),
        Some(c) if c.is_ascii_digit() => Err("it starts with a digit"),
        _ if name == "Self" => Err("it is the keyword `Self`"),
        _ => Ok(name),
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '.' | '_' | '-')
}

/// Checks a `variant` override: an ASCII UpperCamelCase identifier, so that
/// the generated enum passes the `non_camel_case_types` lint.
pub fn check_variant_override(name: &str) -> Result<(), &'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => Err("it is empty"),
        Some(c) if !c.is_ascii_uppercase() => Err("it must start with an ASCII capital letter"),
        _ if !chars.all(|c| c.is_ascii_alphanumeric()) => {
            Err("it must contain only ASCII letters and digits (UpperCamelCase)")
        }
        _ if name == "Self" => Err("it is the keyword `Self`"),
        _ => Ok(()),
    }
}

/// The Rust field of a property: its [`snake_case`], as a raw identifier
/// when that is a keyword (`Type` → `r#type`). `Err` says why the property
/// cannot be a field; the spec then needs `field`.
pub fn field_name(property: &str) -> Result<String, &'static str> {
    if let Some(bad) = property
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ' ')))
    {
        return Err(if bad.is_ascii() {
            "it contains a character other than letters, digits, `.`, `_`, `-` and spaces"
        } else {
            "it contains a non-ASCII character"
        });
    }
    let name = snake_case(property);
    match name.chars().next() {
        None => Err("it has no letters or digits"),
        Some(c) if c.is_ascii_digit() => Err("it starts with a digit"),
        _ if RAW_IMPOSSIBLE.contains(&name.as_str()) => {
            Err("it is a Rust keyword that cannot be a field name")
        }
        _ if is_keyword(&name) => Ok(format!("r#{name}")),
        _ => Ok(name),
    }
}

/// An identifier without its raw prefix: `type` for `r#type`, as
/// `derive(Debug)` names a field.
pub fn bare_identifier(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Checks a `field` override: a snake_case identifier (`os_name_en`), or a
/// raw one (`r#type`).
pub fn check_field_override(name: &str) -> Result<(), &'static str> {
    let bare = bare_identifier(name);
    let mut chars = bare.chars();
    match chars.next() {
        None => Err("it is empty"),
        Some(c) if !(c.is_ascii_lowercase() || c == '_') => {
            Err("it must start with a lower-case ASCII letter or `_`")
        }
        _ if !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') => {
            Err("it must contain only lower-case ASCII letters, digits and `_` (snake_case)")
        }
        _ if bare == "_" || RAW_IMPOSSIBLE.contains(&bare) => {
            Err("it is a Rust keyword that cannot be a field name")
        }
        _ if is_keyword(bare) && bare == name => {
            Err("it is a Rust keyword: write it as a raw identifier, `r#...`")
        }
        _ => Ok(()),
    }
}

/// Whether `host` is a host name as `endpoints` gives it: letters, digits,
/// `.`, `-` and a port's `:`, without a scheme or path.
pub fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
}

/// The spellings of a body's request id, as the vendor's styles write it.
/// The runtime reads error envelopes by the same spellings (a test of the
/// integration suite checks that they agree).
pub const REQUEST_ID_KEYS: [&str; 3] = ["RequestId", "requestId", "request_id"];

/// The spellings of an error code in a body.
pub const CODE_KEYS: [&str; 5] = ["Code", "code", "ErrorCode", "errorCode", "error_code"];

/// The spellings of an error message in a body.
pub const MESSAGE_KEYS: [&str; 6] = [
    "Message",
    "message",
    "ErrorMessage",
    "errorMessage",
    "errorMsg",
    "error_msg",
];

/// The spellings of the flag of a success-status body that reports a
/// failure (`"Success": false` beside a code).
pub const SUCCESS_KEYS: [&str; 3] = ["Success", "success", "IsSuccess"];

/// Names that a generated struct must not take: a struct named after a
/// prelude item would shadow it for whoever imports the module's types.
pub const RESERVED_TYPE_NAMES: [&str; 12] = [
    "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err", "Self", "Default",
    "Sized",
];

/// The struct of an object or a list's items: the property's (or item's)
/// name in UpperCamelCase, by the rule of [`variant_name`].
pub fn type_name(name: &str) -> Result<String, &'static str> {
    variant_name(name)
}

/// A bare list's item, named from the list's plural: `Containers` →
/// `Container`, `Policies` → `Policy`, `Addresses` → `Address`, `Statuses`
/// → `Status`, `Aliases` → `Alias`, `Boxes` → `Box`; a name that does not
/// end in `s` gets `Item` (`Data` → `DataItem`).
pub fn singular(plural: &str) -> String {
    for (ending, replacement) in [
        ("ies", "y"),
        ("sses", "ss"),
        ("uses", "us"),
        ("iases", "ias"),
        ("xes", "x"),
    ] {
        if let Some(stem) = plural.strip_suffix(ending).filter(|stem| !stem.is_empty()) {
            return format!("{stem}{replacement}");
        }
    }
    match plural.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem.to_owned(),
        _ => format!("{plural}Item"),
    }
}

/// The keywords that cannot be raw identifiers.
const RAW_IMPOSSIBLE: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// Whether `name` is a Rust keyword (strict or reserved, in any edition).
pub fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// `CommonError` → `common_error`, `OSNameEn` → `os_name_en`,
/// `GPUSpec` → `gpu_spec`, `DBInstanceIds` → `db_instance_ids`: words start
/// at a capital after a lower-case letter or a digit, and at the last
/// capital of a run of capitals followed by a lower-case letter; anything
/// that is not a letter or digit separates words.
///
/// The vendor's acronyms with digits stay whole: a run of capitals, one
/// lower-case letter and a digit is one word (`IPv6` → `ipv6`,
/// `IPv4Gateway` → `ipv4_gateway`, not `i_pv6`), and so is a digit with a
/// lone capital after it (`Wan4G` → `wan4g`, not `wan4_g`).
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        let previous = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let after_next = chars.get(i + 2).copied();
        let starts_word = c.is_uppercase()
            && match previous {
                Some(p) if p.is_lowercase() => true,
                // `4G`, `5G`: a unit, not a word.
                Some(p) if p.is_ascii_digit() => next.is_some_and(char::is_lowercase),
                Some(p) if p.is_uppercase() => {
                    next.is_some_and(char::is_lowercase)
                        && !after_next.is_some_and(|a| a.is_ascii_digit())
                }
                _ => false,
            };
        if starts_word && !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_keywords_raw() {
        assert_eq!(field_name("OSNameEn").as_deref(), Ok("os_name_en"));
        assert_eq!(field_name("Type").as_deref(), Ok("r#type"));
        assert_eq!(
            field_name("SystemDisk.KMSKeyId").as_deref(),
            Ok("system_disk_kms_key_id")
        );
        assert_eq!(field_name("3D"), Err("it starts with a digit"));
        assert_eq!(field_name("描述"), Err("it contains a non-ASCII character"));
        assert_eq!(
            field_name("Self"),
            Err("it is a Rust keyword that cannot be a field name")
        );
        assert_eq!(
            field_name("a$b").unwrap_err(),
            "it contains a character other than letters, digits, `.`, `_`, `-` and spaces"
        );
        assert_eq!(check_field_override("os_name_en"), Ok(()));
        assert_eq!(check_field_override("r#type"), Ok(()));
        assert!(check_field_override("type").is_err());
        assert!(check_field_override("OsName").is_err());
        assert!(check_field_override("r#self").is_err());
    }

    #[test]
    fn bare_list_items_are_named_in_the_singular() {
        for (plural, singular_name) in [
            ("Containers", "Container"),
            ("Policies", "Policy"),
            ("Addresses", "Address"),
            ("Statuses", "Status"),
            ("HostAliases", "HostAlias"),
            ("Boxes", "Box"),
            ("PatternTypes", "PatternType"),
            ("Data", "DataItem"),
            ("Class", "ClassItem"),
        ] {
            assert_eq!(singular(plural), singular_name, "{plural}");
        }
    }

    #[test]
    fn snake_case_splits_words_and_acronyms() {
        for (name, snake) in [
            ("CommonError", "common_error"),
            ("EssError", "ess_error"),
            ("OSNameEn", "os_name_en"),
            ("GPUSpec", "gpu_spec"),
            ("DBInstanceIds", "db_instance_ids"),
            ("VSwitchId", "v_switch_id"),
            ("Ipv6AddressCount", "ipv6_address_count"),
            ("SystemDisk.KMSKeyId", "system_disk_kms_key_id"),
            ("requestId", "request_id"),
            ("Type", "type"),
            ("ABC", "abc"),
            ("a_b", "a_b"),
        ] {
            assert_eq!(snake_case(name), snake, "{name}");
        }
    }

    /// Every name with a digit among the operations, parameters and response
    /// properties of the 44 sampled products (one of each numbered series),
    /// and the acronyms with digits of VPC's operations.
    #[test]
    fn acronyms_with_digits_stay_whole() {
        for (name, snake) in [
            ("AddRuleV4", "add_rule_v4"),
            ("Base64EncodedMacPayload", "base64_encoded_mac_payload"),
            ("ChannelId0", "channel_id0"),
            ("Content-MD5", "content_md5"),
            ("CreatePolicyV2", "create_policy_v2"),
            ("DescribeBackupJobs2", "describe_backup_jobs2"),
            (
                "DescribeClusterV2UserKubeconfig",
                "describe_cluster_v2_user_kubeconfig",
            ),
            ("DescribeClustersV1", "describe_clusters_v1"),
            ("DescribeSQLLogsV2", "describe_sql_logs_v2"),
            ("DescribeSagWan4G", "describe_sag_wan4g"),
            (
                "DescribeSubaccountK8sClusterUserConfig",
                "describe_subaccount_k8s_cluster_user_config",
            ),
            ("DisableHttp2Alpn", "disable_http2_alpn"),
            (
                "DisableLoadBalancerIpv6Internet",
                "disable_load_balancer_ipv6_internet",
            ),
            ("Dns1", "dns1"),
            ("Enable4lw", "enable4lw"),
            ("FileMd5", "file_md5"),
            ("HTML5", "html5"),
            ("Http2Enabled", "http2_enabled"),
            ("I18nChild", "i18n_child"),
            ("IPV4", "ipv4"),
            ("IPV4ProbeCount", "ipv4_probe_count"),
            ("IPV6ProbeCount", "ipv6_probe_count"),
            ("Ipv6AddressCount", "ipv6_address_count"),
            ("IsBase64Decode", "is_base64_decode"),
            ("K8sNamespaces", "k8s_namespaces"),
            ("KeySha2", "key_sha2"),
            ("ListObjectsV2", "list_objects_v2"),
            ("Md5KeyId", "md5_key_id"),
            (
                "MinimumEniIpv6AddressQuantity",
                "minimum_eni_ipv6_address_quantity",
            ),
            ("ParentX509Certificate", "parent_x509_certificate"),
            ("PrivateIpV4", "private_ip_v4"),
            ("RemovalPolicy.1", "removal_policy_1"),
            ("Tag.1.key", "tag_1_key"),
            ("ThumbnailInBase64", "thumbnail_in_base64"),
            ("UpBandwidth4G", "up_bandwidth4g"),
            (
                "UpdateK8sClusterUserConfigExpire",
                "update_k8s_cluster_user_config_expire",
            ),
            ("UseIPPort4Check", "use_ip_port4_check"),
            ("VSwitchId2", "v_switch_id2"),
            ("Vswitch2", "vswitch2"),
            ("X509Certificate", "x509_certificate"),
            ("ZoneIDSlave1", "zone_id_slave1"),
            ("arnV2", "arn_v2"),
            ("isBase64Encode", "is_base64_encode"),
            ("last7PvPercent", "last7_pv_percent"),
            ("layersArnV2", "layers_arn_v2"),
            ("JobInstanceIPv6NotSupport", "job_instance_ipv6_not_support"),
            (
                "AddIPv6TranslatorAclListEntry",
                "add_ipv6_translator_acl_list_entry",
            ),
            ("CreateIPv6Translator", "create_ipv6_translator"),
            ("IPv4Gateway", "ipv4_gateway"),
            ("IPv6", "ipv6"),
        ] {
            assert_eq!(snake_case(name), snake, "{name}");
        }
        // Variants and struct names keep the vendor's case.
        assert_eq!(
            variant_name("InvalidIPv6.Malformed").as_deref(),
            Ok("InvalidIPv6Malformed")
        );
        assert_eq!(type_name("IPv4Gateway").as_deref(), Ok("IPv4Gateway"));
    }

    #[test]
    fn names_follow_the_documented_rule() {
        for (code, name) in [
            ("InvalidAccessKeyId.NotFound", "InvalidAccessKeyIdNotFound"),
            ("Forbidden.RiskControl", "ForbiddenRiskControl"),
            ("DEPLOYMENTSET.QUOTA_FULL", "DeploymentsetQuotaFull"),
            ("InvalidInstanceId.NOT_FOUND", "InvalidInstanceIdNotFound"),
            ("InvalidInstanceId.NotFound", "InvalidInstanceIdNotFound"),
            ("Invalid.Parameter", "InvalidParameter"),
            ("InvalidParam.pageNumber", "InvalidParamPageNumber"),
            ("Duplicate.", "Duplicate"),
            ("IOThrottling", "IOThrottling"),
            ("Quota.Exceed-2", "QuotaExceed2"),
            ("throttling", "Throttling"),
        ] {
            assert_eq!(variant_name(code).as_deref(), Ok(name), "{code}");
        }
    }

    #[test]
    fn codes_that_cannot_be_names_say_why() {
        assert_eq!(variant_name(""), Err("it is empty"));
        assert_eq!(variant_name("404.NotFound"), Err("it starts with a digit"));
        assert_eq!(variant_name("._."), Err("it has no letters or digits"));
        assert_eq!(variant_name("Invalid Id"), Err("it contains white space"));
        assert_eq!(
            variant_name("参数错误"),
            Err("it contains a non-ASCII character")
        );
        assert_eq!(
            variant_name("Quota:Full"),
            Err("it contains a character other than letters, digits, `.`, `_` and `-`")
        );
        assert_eq!(variant_name("self"), Err("it is the keyword `Self`"));
    }

    #[test]
    fn overrides_must_be_upper_camel_case() {
        assert_eq!(
            check_variant_override("InvalidParamPageNumberLower"),
            Ok(())
        );
        assert_eq!(check_variant_override("Code2"), Ok(()));
        assert!(check_variant_override("").is_err());
        assert!(check_variant_override("lower").is_err());
        assert!(check_variant_override("Foo_Bar").is_err());
        assert!(check_variant_override("Foo Bar").is_err());
        assert!(check_variant_override("Self").is_err());
        assert!(check_variant_override("Ünicode").is_err());
    }
}

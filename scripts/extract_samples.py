#!/usr/bin/env python3
"""Extracts the sample response bodies of the vendor's ESS API reference pages.

Reads the Auto Scaling (ESS) API reference pages (markdown) under the data
folder and writes, verbatim (exactly the text between the fence lines, final
newline included), every sample response body to

    tests/fixtures/aliyun/success/<Operation>.xml | .json
    tests/fixtures/aliyun/error/<Operation>.xml   | .json

and a report, tests/fixtures/aliyun/MANIFEST.md, with the source page of each
operation, whether each sample is well-formed (xml.etree.ElementTree,
json.loads), what is wrong when it is not, and how the XML and JSON of each
well-formed pair differ.

Sources, in order of preference: `intl.en-US/API Reference`, then
`intl.en-US/API-Reference`; the Chinese folders (`cn.zh-CN/API参考`, then
`cn.zh-CN/API 参考`) only for operations that have no English sample at all.

The operation of a page is the value of its `Action` request parameter (the
stem of some pages is a title such as "Create a scaling group", or a typo such
as "ModifyScheduledTasksk"); failing that the `Action=` of the sample request;
failing that the file stem without spaces.

The output is deterministic; rerun with

    python3 scripts/extract_samples.py [--data DIR]
"""
import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(REPO, "tests", "fixtures", "aliyun-docs", "ess")
OUT = os.path.join(REPO, "tests", "fixtures", "aliyun")

# (language, folder relative to the data folder), in order of preference.
FOLDERS = [
    ("en", "intl.en-US/API Reference"),
    ("en", "intl.en-US/API-Reference"),
    ("zh", "cn.zh-CN/API参考"),
    ("zh", "cn.zh-CN/API 参考"),
]
KINDS = ("success", "error")
FORMATS = ("xml", "json")

FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
# "`XML` format", "XML format:", "XML格式：", " `JSON` 格式", "`XML` 示例", "**XML format**"
LABEL_RE = re.compile(r"^(XML|JSON)\s*(format|格式|示例)?\s*[:：]?$", re.I)
ERROR_SECTION_RE = re.compile(r"error response|异常返回|错误返回", re.I)
SUCCESS_SECTION_RE = re.compile(
    r"success(ful)? response|response example|正常返回|返回示例", re.I)
OP_RE = re.compile(r"[A-Z][a-z]+(?:[A-Z][A-Za-z0-9]*)+")
ACTION_RE = re.compile(r"[?&]Action=([A-Z][a-z]+(?:[A-Z][A-Za-z0-9]*)+)")
NUMERIC_RE = re.compile(r"^-?\d+(\.\d+)?$")
# Pages that describe the response envelope rather than an operation.
ENVELOPE_STEMS = {"Response results": "ResponseResults", "返回结果": "ResponseResults"}
ENVELOPE = "ResponseResults"


# ---------------------------------------------------------------- parsing

def split_lines(text):
    """Lines with their "\\n" kept (str.splitlines also splits on \\x0b, \\u2028...)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def clean_label(line):
    return line.replace("\xa0", " ").strip().strip("*").replace("`", "").strip()


def parse_page(path):
    """Returns {"samples": {(kind, fmt): [(body, first_line_no), ...]}, "action_row",
    "request_action"}. A fence is a sample when the last text line before it is an
    XML/JSON label; its kind is the enclosing success/error section (default success)."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    lines = split_lines(text)
    samples = {}
    section = None
    last_text = None  # last non-empty line outside fences
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE_RE.match(line.rstrip("\n"))
        if m:
            marker = m.group(2)
            j = i + 1
            while j < len(lines):
                s = lines[j].strip()
                if s.startswith(marker[0] * len(marker)) and not s.lstrip(marker[0]).strip():
                    break
                j += 1
            body = "".join(lines[i + 1:j])
            label = LABEL_RE.match(clean_label(last_text or ""))
            if label:
                fmt = label.group(1).lower()
                kind = section or "success"
                samples.setdefault((kind, fmt), []).append((body, i + 2))
            last_text = "```"
            i = j + 1
            continue
        s = line.strip()
        if s:
            if s.startswith("#"):
                section = None
            if s.startswith("|"):
                pass
            elif ERROR_SECTION_RE.search(s):
                section = "error"
            elif SUCCESS_SECTION_RE.search(s):
                section = "success"
            last_text = s
        i += 1

    action_row = None
    for line in lines:
        if line.startswith("|Action|"):
            for cell in line.strip().split("|")[2:]:
                m = OP_RE.search(cell.replace("`", ""))
                if m:
                    action_row = m.group(0)
                    break
            break
    m = ACTION_RE.search(text)
    request_action = m.group(1) if m else None
    return {"samples": samples, "action_row": action_row, "request_action": request_action}


def xml_root(body):
    try:
        return ET.fromstring(body).tag
    except ET.ParseError:
        m = re.search(r"<\s*([A-Za-z][\w.-]*)", re.sub(r"<\s*[?!][^>]*>", "", body))
        return m.group(1) if m else None


# ---------------------------------------------------------- well-formedness

def tag_balance(body):
    """Returns a problem found by a simple tag scan (unclosed / mismatched), or None."""
    stack = []
    for m in re.finditer(r"<(/?)\s*([A-Za-z][\w.-]*)([^<>]*?)(/?)>", body):
        close, name, _, selfclose = m.groups()
        if selfclose:
            continue
        if close:
            if not stack:
                return f"end tag </{name}> without start tag"
            if stack[-1] != name:
                return f"end tag </{name}> does not match <{stack[-1]}>"
            stack.pop()
        else:
            stack.append(name)
    if stack:
        return "truncated: <" + ">, <".join(stack) + "> not closed"
    return None


def xml_problems(body):
    """None if well-formed, else a list of what is wrong."""
    try:
        ET.fromstring(body)
        return None
    except ET.ParseError as e:
        err = str(e)
    found = []
    if re.search(r"<\?\s+xml|\?\s+>", body):
        found.append("malformed declaration `<? xml ... ? >`")
    if re.search(r"<!\s+--", body):
        found.append("malformed comments `<! -- ... -->`")
    for m in re.finditer(r"</\s+[A-Za-z][\w.-]*\s*>", body):
        found.append(f"space after `</` in end tag `{m.group(0)}`")
    for m in re.finditer(r"<\s+[A-Za-z][\w.-]*\s*>", body):
        found.append(f"space after `<` in start tag `{m.group(0)}`")
    for m in re.finditer(r"<(?![\sA-Za-z_/?!])", body):
        line = body[body.rfind("\n", 0, m.start()) + 1:body.find("\n", m.start())].strip()
        found.append(f"unescaped `<` in text: `{line}`")
    for m in re.finditer(r"<[A-Za-z][\w.-]*(?:\s+[^\s=<>\"'/]+)+\s*>", body):
        found.append(f"placeholder `{m.group(0)}`")
    if not body.strip():
        found.append("empty")
    elif not found:
        t = tag_balance(body)
        if t:
            found.append(t)
    found.append(f"ElementTree: {err}")
    return found


def strip_json_strings(body):
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', body)


def json_problems(body):
    try:
        json.loads(body)
        return None
    except json.JSONDecodeError as e:
        err = f"{e.msg}: line {e.lineno} column {e.colno}"
    found = []
    bare = strip_json_strings(body)
    if "/*" in bare:
        found.append("`/* ... */` comments")
    if re.search(r"(^|[\s,{\[])//", bare, re.M):
        found.append("`//` comments")
    if re.search(r",\s*[}\]]", re.sub(r"/\*.*?\*/", "", bare, flags=re.S)):
        found.append("trailing comma")
    for m in re.finditer(r"<[A-Za-z][^<>\n]*>", bare):
        found.append(f"placeholder `{m.group(0)}`")
    if re.search("[\u201c\u201d]", body):
        found.append("typographic quotes `“ ”` instead of `\"`")
    if body.strip() and body.strip()[0] not in "{[":
        found.append("members not wrapped in `{ }`")
    for m in re.finditer(r":\s*([A-Za-z_][^,}\]\n]*)", re.sub("[\u201c\u201d]", '"', bare)):
        if m.group(1).strip() not in ("true", "false", "null"):
            found.append(f"unquoted value `{m.group(1).strip()}`")
    if "..." in bare or "…" in bare:
        found.append("ellipsis `...`")
    if not body.strip():
        found.append("empty")
    elif bare.count("{") + bare.count("[") > bare.count("}") + bare.count("]"):
        found.append("truncated (unbalanced brackets)")
    found.append(f"json: {err}")
    return found


# ------------------------------------------------------ XML / JSON comparison

def jtype(v):
    if isinstance(v, dict):
        return "object"
    if isinstance(v, list):
        return "array"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if v is None:
        return "null"
    return "string"


def group_children(elem):
    groups = {}
    for c in elem:
        if isinstance(c.tag, str):
            groups.setdefault(c.tag, []).append(c)
    return groups


def compare(elem, val, path, notes):
    """Compares an XML element with the JSON value of the same field."""
    children = [c for c in elem if isinstance(c.tag, str)]
    if not children:
        compare_leaf(elem, val, path, notes)
    elif isinstance(val, dict):
        compare_object(elem, val, path, notes)
    elif isinstance(val, list):
        groups = group_children(elem)
        tags = list(groups)
        notes.append(f"`{path}`: list wrapper shaped differently: XML `<{elem.tag}>` wraps "
                     + ", ".join(f"{len(groups[t])} × `<{t}>`" for t in tags)
                     + f", JSON `{elem.tag}` is a bare array of {len(val)}")
        if len(tags) == 1:
            items = groups[tags[0]]
            if len(items) != len(val):
                notes.append(f"`{path}`: {len(items)} XML items vs {len(val)} JSON items")
            for k, (c, v) in enumerate(zip(items, val)):
                compare(c, v, f"{path}[{k}]", notes)
    else:
        notes.append(f"`{path}`: XML element with children, JSON {jtype(val)} `{short(val)}`")


def compare_leaf(elem, val, path, notes):
    raw = elem.text or ""
    text = raw.strip()
    if not text:
        shown = f"`<{elem.tag}></{elem.tag}>`" if raw == "" else f"`<{elem.tag}>` (blank)"
        if val == "" or val is None or (isinstance(val, (dict, list)) and not val):
            notes.append(f"`{path}`: empty element {shown}, JSON `{json.dumps(val)}`")
        else:
            notes.append(f"`{path}`: empty element {shown}, JSON {jtype(val)} `{short(val)}`")
        return
    if isinstance(val, (dict, list)):
        notes.append(f"`{path}`: XML text `{short(text)}`, JSON {jtype(val)} `{short(val)}`")
        return
    if val is None:
        notes.append(f"`{path}`: XML `{short(text)}`, JSON null")
        return
    if isinstance(val, str):
        if raw == val:
            pass
        elif text == val.strip():
            notes.append(f"`{path}`: whitespace differs: XML {raw!r}, JSON {val!r}")
        else:
            notes.append(f"`{path}`: values differ: XML `{short(text)}`, JSON `{short(val)}`")
        if NUMERIC_RE.match(val.strip()):
            notes.append(f"`{path}`: number quoted as string in JSON (`{json.dumps(val)}`)")
        elif val.strip() in ("true", "false"):
            notes.append(f"`{path}`: boolean quoted as string in JSON (`{json.dumps(val)}`)")
        return
    if raw != text:
        notes.append(f"`{path}`: XML text has surrounding whitespace {raw!r}")
    if isinstance(val, bool):
        same = text == ("true" if val else "false")
    else:
        try:
            same = float(text) == float(val)
        except ValueError:
            same = False
    if not same:
        notes.append(f"`{path}`: values differ: XML `{short(text)}`, JSON `{json.dumps(val)}`")


def compare_object(elem, obj, path, notes):
    groups = group_children(elem)
    prefix = path + "." if path else ""
    # a non-root element whose children all share one tag is a list wrapper
    wrapper = bool(path) and len(groups) == 1
    for tag, items in groups.items():
        if tag not in obj:
            notes.append(f"`{prefix}{tag}`: in XML only")
            continue
        v = obj[tag]
        if isinstance(v, list):
            if len(items) != len(v):
                notes.append(f"`{prefix}{tag}`: {len(items)} XML `<{tag}>` vs JSON array of {len(v)}")
            for k, (c, x) in enumerate(zip(items, v)):
                compare(c, x, f"{prefix}{tag}[{k}]", notes)
        else:
            if len(items) > 1:
                notes.append(f"`{prefix}{tag}`: {len(items)} XML `<{tag}>` vs JSON {jtype(v)}")
            elif wrapper:
                notes.append(f"`{prefix}{tag}`: list wrapper shaped differently: one `<{tag}>` in "
                             f"`<{elem.tag}>`, JSON `{tag}` is {'an' if jtype(v)[0] in 'aeiou' else 'a'} "
                             f"{jtype(v)}, not an array")
            compare(items[0], v, prefix + tag, notes)
    for k in obj:
        if k not in groups:
            notes.append(f"`{prefix}{k}`: in JSON only ({jtype(obj[k])})")


def short(v, n=40):
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[:n - 1] + "…"


def top_fields_xml(root):
    return list(group_children(root))


# ---------------------------------------------------------------- main

def op_name(rel, page):
    stem = os.path.splitext(os.path.basename(rel))[0]
    if stem in ENVELOPE_STEMS:
        return ENVELOPE_STEMS[stem]
    return page["action_row"] or page["request_action"] or stem.replace(" ", "")


def collect(data):
    pages = []  # dicts with rel, lang, rank, op, stem, parsed
    for rank, (lang, folder) in enumerate(FOLDERS):
        base = os.path.join(data, folder)
        if not os.path.isdir(base):
            print(f"warning: missing folder {folder}", file=sys.stderr)
            continue
        for root, dirs, files in os.walk(base):
            dirs.sort()
            for f in sorted(files):
                if not f.endswith(".md"):
                    continue
                full = os.path.join(root, f)
                rel = os.path.relpath(full, data).replace(os.sep, "/")
                parsed = parse_page(full)
                stem = os.path.splitext(f)[0]
                pages.append({"rel": rel, "lang": lang, "rank": rank, "stem": stem,
                              "op": op_name(rel, parsed), **parsed})
    return pages


def first_samples(page):
    """{(kind, fmt): body} using the first sample of each kind and format."""
    return {k: v[0][0] for k, v in page["samples"].items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA, help="the `ess` data folder")
    args = ap.parse_args()
    data = os.path.normpath(args.data)
    if not os.path.isdir(data):
        sys.exit(f"data folder not found: {data}")

    pages = collect(data)
    by_op = {}
    for p in pages:
        if p["samples"]:
            by_op.setdefault(p["op"], []).append(p)

    def pref(p):
        return (p["rank"], p["stem"] != p["op"], p["rel"])

    chosen = {}
    for op, ps in by_op.items():
        en = sorted((p for p in ps if p["lang"] == "en"), key=pref)
        zh = sorted((p for p in ps if p["lang"] == "zh"), key=pref)
        chosen[op] = (en or zh)[0]

    # write the fixtures (stale ones removed first, so reruns give the same tree)
    for kind in KINDS:
        d = os.path.join(OUT, kind)
        os.makedirs(d, exist_ok=True)
        for f in sorted(os.listdir(d)):
            if f.endswith((".xml", ".json")):
                os.remove(os.path.join(d, f))
    for op in sorted(chosen):
        for (kind, fmt), body in sorted(first_samples(chosen[op]).items()):
            with open(os.path.join(OUT, kind, f"{op}.{fmt}"), "w", encoding="utf-8",
                      newline="") as f:
                f.write(body)

    manifest = render_manifest(pages, by_op, chosen, pref)
    with open(os.path.join(OUT, "MANIFEST.md"), "w", encoding="utf-8", newline="") as f:
        f.write(manifest)
    n = sum(len(first_samples(p)) for p in chosen.values())
    print(f"{len(chosen)} operations/pages, {n} sample files written under "
          f"{os.path.relpath(OUT, REPO)}")


def check(kind_fmt_bodies):
    out = {}
    for (kind, fmt), body in kind_fmt_bodies.items():
        out[(kind, fmt)] = xml_problems(body) if fmt == "xml" else json_problems(body)
    return out


def md(s):
    return s.replace("|", "\\|")


def status_of(body_by_key, results, key):
    if key not in body_by_key:
        return "—"
    return "ok" if results[key] is None else "BAD"


def render_manifest(pages, by_op, chosen, pref):
    L = []
    w = L.append
    ops = sorted(op for op in chosen if op != ENVELOPE)
    samples = {op: first_samples(chosen[op]) for op in chosen}
    results = {op: check(samples[op]) for op in chosen}
    S_XML, S_JSON = ("success", "xml"), ("success", "json")
    pairs = [op for op in ops if S_XML in samples[op] and S_JSON in samples[op]]
    good = [op for op in pairs if results[op][S_XML] is None and results[op][S_JSON] is None]
    zh_only = [op for op in ops if chosen[op]["lang"] == "zh"]

    w("# Sample responses extracted from the ESS API reference\n")
    w("Generated by `python3 scripts/extract_samples.py` (stdlib only, deterministic) from "
      "`tests/fixtures/aliyun-docs/ess` (a copy of the vendor's pages); page paths below are relative to that folder. "
      "Rerun the script instead of editing this file or the fixtures.\n")
    w("- `success/<Op>.xml|.json`, `error/<Op>.xml|.json`: the fenced sample bodies, verbatim "
      "(every line between the two fence lines, final newline included).")
    w("- `<Op>` is the page's `Action` value, which is not always the file stem "
      "(see *Page names*).")
    w("- Source preference: `intl.en-US/API Reference`, then `intl.en-US/API-Reference`; "
      "`cn.zh-CN/API参考`, then `cn.zh-CN/API 参考`, only for operations with no English "
      "sample. Within a folder, a page whose stem is the operation name wins.")
    w("- Well-formed = `xml.etree.ElementTree.fromstring` / `json.loads` accept the body "
      "as is.")
    w(f"- `{ENVELOPE}` is not an operation: it is the generic envelope page "
      "`intl.en-US/API-Reference/Response results.md` (success `ActionResponse` and error "
      "`Error` samples). No operation page has error samples.\n")

    w("## Summary\n")
    w(f"- Operations with samples: {len(ops)} ({len(ops) - len(zh_only)} from English "
      f"pages, {len(zh_only)} from Chinese pages only: {', '.join(zh_only) or 'none'}).")
    w(f"- Operations with a success XML+JSON pair: {len(pairs)}; well-formed in both "
      f"formats: {len(good)}.")
    bad = [op for op in ops if op not in good]
    w(f"- Operations without a well-formed pair: {', '.join(bad) if bad else 'none'}.")
    w(f"- Error samples: only `{ENVELOPE}` (both formats not well-formed).\n")

    w("## Operations\n")
    w("Kind `S` = success sample, `E` = error sample. XML/JSON: `ok` = well-formed, "
      "`BAD` = present but not well-formed, `—` = absent.\n")
    w("| Operation | Source page | Kind | XML | JSON | XML root | Notes |")
    w("|---|---|---|---|---|---|---|")
    for op in ops + [ENVELOPE] if ENVELOPE in chosen else ops:
        p, s = chosen[op], samples[op]
        for kind in KINDS:
            kx, kj = (kind, "xml"), (kind, "json")
            if kx not in s and kj not in s:
                continue
            notes = []
            for key in (kx, kj):
                if key in s and results[op][key]:
                    notes.append(f"{key[1].upper()}: " + "; ".join(results[op][key]))
            root = xml_root(s[kx]) if kx in s else None
            if root and op != ENVELOPE and root != op + "Response":
                notes.append(f"root is `{root}`, not `{op}Response`")
            for key in (kx, kj):
                extra = p["samples"].get(key, [])[1:]
                if extra:
                    notes.append(f"{len(extra)} more {key[1].upper()} sample(s) on the page ignored")
            note = " ".join(n.rstrip(".") + "." for n in notes)
            w(f"| {op} | `{md(p['rel'])}` | {kind[0].upper()} | {status_of(s, results[op], kx)} | "
              f"{status_of(s, results[op], kj)} | {'`' + root + '`' if root else '—'} | {md(note)} |")
    w("")

    w("## Page names\n")
    w("English pages with samples (and the Chinese pages used) whose stem is not the "
      "operation name, or whose `Action` row, sample request and XML root disagree:\n")
    rows = []
    listed = [p for ps in by_op.values() for p in ps
              if p["op"] != ENVELOPE and (p["lang"] == "en" or chosen[p["op"]] is p)]
    for p in sorted(listed, key=lambda p: p["rel"]):
        s = first_samples(p)
        root = xml_root(s[S_XML]) if S_XML in s else None
        issues = []
        if p["stem"] != p["op"]:
            issues.append(f"stem `{p['stem']}`")
        if p["request_action"] and p["request_action"] != p["op"]:
            issues.append(f"sample request says `Action={p['request_action']}`")
        if not p["action_row"]:
            issues.append("no `Action` parameter row; name from "
                          + ("the sample request" if p["request_action"] else "the stem"))
        if root and root != p["op"] + "Response":
            issues.append(f"XML root `{root}`")
        if issues:
            rows.append(f"- `{p['rel']}` → **{p['op']}**: " + "; ".join(issues))
    L.extend(rows or ["- none"])
    w("")

    w("## Duplicates\n")
    w("Operations with samples on more than one page of the language used; the page "
      "used comes first. `same` = byte-identical bodies.\n")
    rows = []
    for op in sorted(by_op):
        used = chosen[op]
        alts = [p for p in sorted(by_op[op], key=pref) if p["lang"] == used["lang"] and p is not used]
        if not alts:
            continue
        parts = []
        for p in alts:
            s = first_samples(p)
            if s == samples[op]:
                parts.append(f"`{p['rel']}` (same)")
                continue
            r = check(s)
            desc = []
            for key in sorted(s):
                if r[key] is None:
                    desc.append(f"{key[0][0].upper()} {key[1].upper()} ok")
                else:
                    why = [x for x in r[key] if not x.startswith(("ElementTree:", "json:"))]
                    desc.append(f"{key[0][0].upper()} {key[1].upper()} BAD: "
                                + "; ".join(why or r[key][-1:]))
            parts.append(f"`{p['rel']}` (differs; " + ", ".join(desc) + ")")
        rows.append(f"- **{op}**: `{used['rel']}`; also " + "; ".join(parts))
    L.extend(rows or ["- none"])
    if ENVELOPE in by_op:
        for p in sorted(by_op[ENVELOPE], key=pref):
            if p["lang"] == "zh":
                r = check(first_samples(p))
                desc = ", ".join(f"{k[0][0].upper()} {k[1].upper()} "
                                 + ("ok" if r[k] is None else "BAD")
                                 for k in sorted(r))
                rows_note = (f"- Chinese envelope page `{p['rel']}` (not used): {desc}")
                w(rows_note)
    w("")

    w("## XML vs JSON (well-formed success pairs)\n")
    w("Top-level fields = children of the XML root vs keys of the JSON object. The walk "
      "then matches repeated XML elements with JSON arrays (`<Xs><X/>…</Xs>` ↔ "
      "`{\"Xs\": {\"X\": [...]}}` is the normal shape and is not reported) and compares "
      "XML text with the JSON scalar (numbers numerically, `true`/`false` as booleans).\n")
    clean = []
    for op in good:
        s = samples[op]
        root = ET.fromstring(s[S_XML])
        obj = json.loads(s[S_JSON])
        xf = top_fields_xml(root)
        if not isinstance(obj, dict):
            w(f"- **{op}**: JSON is {jtype(obj)}, not an object")
            continue
        jf = list(obj)
        notes = []
        compare_object(root, obj, "", notes)
        if not notes:
            clean.append(f"{op} ({', '.join(sorted(xf))})")
            continue
        if set(xf) == set(jf):
            w(f"- **{op}**: fields {', '.join(sorted(xf))}")
        else:
            w(f"- **{op}**: XML fields {', '.join(sorted(xf))}; JSON fields "
              f"{', '.join(sorted(jf))}")
        for n in notes:
            w(f"  - {n}")
    w("")
    w(f"No differences ({len(clean)}; same fields, shapes and values): "
      + ("; ".join(clean) if clean else "none") + ".")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()

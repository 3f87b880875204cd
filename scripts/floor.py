#!/usr/bin/env python3
"""The floor of a generated service: its expansion (`ess expand SPEC
--service NAME`) with the same structs, enums, modules and docs, each type
with only `#[derive(Debug, Clone, PartialEq, Default)]` (an enum without
`Default`), and no impl, const or static. What a crate of the same types
costs to build, which the service's build is measured against.

    python3 scripts/floor.py EXPANDED.rs > floor.rs
"""
import re
import sys

STRUCT_DERIVE = "#[derive(Debug, Clone, PartialEq, Default)]"
ENUM_DERIVE = "#[derive(Debug, Clone, PartialEq)]"


def tokens(text, i=0):
    """(start, end, kind) of each lexical piece from `i` on that matters for
    nesting: comments and string literals are skipped whole, so their
    braces do not count."""
    n = len(text)
    raw = re.compile(r'r(#*)"')
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            yield i, j, "comment"
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while depth and j < n:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            yield i, j, "comment"
            i = j
        elif (m := raw.match(text, i)) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            close = '"' + m.group(1)
            j = text.find(close, m.end())
            j = n if j < 0 else j + len(close)
            yield i, j, "string"
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            yield i, j + 1, "string"
            i = j + 1
        elif c == "'" and i + 2 < n and text[i + 2] == "'":
            yield i, i + 3, "char"
            i += 3
        elif c in "{}();":
            yield i, i + 1, c
            i += 1
        else:
            i += 1


def item_end(text, start, block):
    """Where the item starting at `start` ends: after its closing brace (a
    `block`, such as an impl) or its `;` at depth 0 (a const or static)."""
    depth = 0
    for _, e, kind in tokens(text, start):
        if kind in "({":
            depth += 1
        elif kind in ")}":
            depth -= 1
            if depth == 0 and kind == "}" and block:
                return e
        elif kind == ";" and depth == 0:
            return e
    return len(text)


def after_attributes(text, i):
    """Where the item at `i` begins, past white space, attributes and doc
    comments."""
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if text.startswith("#[", i):
            j, depth = i + 1, 0
            while j < len(text):
                if text[j] == "[":
                    depth += 1
                elif text[j] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
        elif text.startswith("///", i) or text.startswith("/**", i):
            _, e, _ = next(tokens(text, i))
            i = e
        else:
            return i


DROP = re.compile(r"(unsafe\s+)?impl\b|(pub(\([^)]*\))?\s+)?(const|static)\s")
DERIVE = re.compile(r"\s*#\[derive\((?:[^()]|\([^()]*\))*\)\]\s*")
KIND = re.compile(r"\s*(?:#\[[^\]]*\]\s*)*pub(?:\([^)]*\))?\s+(struct|enum)\b")


def floor(text):
    out = []
    i = 0
    while i < len(text):
        if i == 0 or text[i - 1] in "\n;}{":
            start = after_attributes(text, i)
            m = DROP.match(text, start)
            if m:
                i = item_end(text, start, block=m.group(0).strip().endswith("impl"))
                continue
        d = DERIVE.match(text, i)
        if d:
            k = KIND.match(text, d.end())
            if k:
                indent = d.group(0)[: len(d.group(0)) - len(d.group(0).lstrip())]
                out.append(indent + (STRUCT_DERIVE if k.group(1) == "struct" else ENUM_DERIVE) + "\n")
            i = d.end()
            continue
        # Copy up to the next line, skipping over comments and strings whole.
        j = text.find("\n", i)
        j = len(text) if j < 0 else j + 1
        for s, e, kind in tokens(text, i):
            if s >= j:
                break
            if kind in ("comment", "string") and e > j:
                j = e
                while j < len(text) and text[j] != "\n":
                    j += 1
                j = min(j + 1, len(text))
                break
        out.append(text[i:j])
        i = j
    return "".join(out)


if __name__ == "__main__":
    sys.stdout.write(floor(open(sys.argv[1], encoding="utf-8").read()))

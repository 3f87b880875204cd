#!/usr/bin/env python3
"""The module graph of a crate, read from its `use` lines and the
`crate::`, `super::` and `self::` paths in its code: which module takes
names from which. Fails (exit 1) on a circle of modules or a name taken
through the crate root's re-exports (`use crate::Decoder` instead of
`use crate::decode::Decoder`).

Each file is a module (`lib.rs` the root, `a/mod.rs` module `a`). A
`pub use` in `lib.rs` or a `mod.rs` declares what the module shows, and is
not an arrow: the arrows are what the code of a module uses. A module and
the modules inside it are one unit: arrows between them are not drawn.

    python3 scripts/module_graph.py ess-runtime/src ess-codegen/src [--print]
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def module_of(src, path):
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("lib", "main", "mod"):
        parts.pop()
    return tuple(parts)


def strip_comments_and_strings(text):
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'r(#*)".*?"\1', '""', text, flags=re.S)
    return re.sub(r'"(\\.|[^"\\])*"', '""', text, flags=re.S)


def expand_tree(tree):
    """`a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`."""
    tree = re.sub(r"\s+", "", tree)
    m = re.match(r"^(.*?)\{(.*)\}$", tree)
    if not m:
        return [tree]
    prefix, inner = m.groups()
    items, depth, start = [], 0, 0
    for i, c in enumerate(inner):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            items.append(inner[start:i])
            start = i + 1
    items.append(inner[start:])
    return [p for item in items if item for p in expand_tree(prefix + item)]


def paths_of(text, declares):
    """The paths a file's code uses; `declares`: its `pub use` are not."""
    uses = []
    for m in re.finditer(r"\b(pub(\([^)]*\))?\s+)?use\s+([^;]+);", text):
        if declares and m.group(1):
            continue
        # `use super::*` is a test module's, inside its own file.
        uses += [p.split(" as ")[0] for p in expand_tree(m.group(3)) if p != "super::*"]
    body = re.sub(r"\buse\s+[^;]+;", "", text)
    uses += re.findall(r"(?<![\w:])((?:crate|super|self)(?:::\w+)+)", body)
    return uses


def resolve(module, path):
    """The absolute segments of `path`, used from `module`."""
    segments = path.split("::")
    if segments[0] == "crate":
        return segments[1:]
    base = list(module)
    while segments and segments[0] in ("super", "self"):
        if segments.pop(0) == "super":
            base.pop()
    return base + segments


def analyse(src):
    src = pathlib.Path(src)
    files = sorted(src.rglob("*.rs"))
    modules = {module_of(src, f): f for f in files}
    edges, root_imports = {}, []
    for module, path in modules.items():
        declares = path.name in ("lib.rs", "mod.rs")
        for used in paths_of(strip_comments_and_strings(path.read_text(encoding="utf-8")), declares):
            segments = resolve(module, used)
            # The longest module the path names.
            target = ()
            for i in range(len(segments), 0, -1):
                if tuple(segments[:i]) in modules:
                    target = tuple(segments[:i])
                    break
            if target == () and module != () and segments and segments[0] != "__private":
                root_imports.append((module, used))
                continue
            # A module and its own ancestors or descendants are one unit.
            shorter = min(len(module), len(target))
            if module[:shorter] == target[:shorter]:
                continue
            edges.setdefault(module, set()).add(target)
    return modules, edges, root_imports


def circles(edges):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def name(module):
    return "crate::" + "::".join(module) if module else "crate"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = "--print" in sys.argv
    failed = False
    for src in args or ["ess-runtime/src", "ess-codegen/src"]:
        modules, edges, root_imports = analyse(ROOT / src)
        found = circles(edges)
        print(f"{src}: {len(modules)} modules, {sum(len(t) for t in edges.values())} arrows, "
              f"{len(found)} circles, {len(root_imports)} names taken through the crate root")
        if show:
            for module in sorted(edges):
                print(f"  {name(module)} -> " + ", ".join(name(t) for t in sorted(edges[module])))
        for component in found:
            failed = True
            print("  circle: " + " <-> ".join(name(m) for m in component))
            for m in component:
                for t in sorted(edges.get(m, ())):
                    if t in component:
                        print(f"    {name(m)} -> {name(t)}")
        for module, used in root_imports:
            failed = True
            print(f"  {name(module)} takes `{used}` through the crate root")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

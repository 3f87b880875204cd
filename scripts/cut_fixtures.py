#!/usr/bin/env python3
"""Cuts the catalogue fixtures: a few operations of the vendor's metadata
files, each chosen for one schema feature or envelope style, written as
small `api-docs.json` files of their own into
`tests/fixtures/aliyun-openapi-meta/catalogue/PRODUCT/VERSION/`.

A cut keeps the file's `info`, the chosen operations exactly as they are,
and the components they reach (through `$ref`, transitively); nothing is
edited. Products small enough are kept whole.

    python3 scripts/cut_fixtures.py ../shared/data/aliyun-openapi-meta
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "aliyun-openapi-meta" / "catalogue"

# product/version: the operations kept (None: all), and why.
CUTS = {
    "grace/2022-06-06": (None, "ROA end to end: components, requestId"),
    "tingwu/2022-09-30": (None, "ROA: Code/Message/Data/RequestId bodies"),
    "cs/2015-12-15": (["DescribeClusterAddonsVersion", "DescribeUserClusterNamespaces",
                       "DescribeClusterAttachScripts", "DescribePolicyGovernanceInCluster",
                       "DescribeClusterLogs", "DescribePolicies"],
                      "ROA: bodies that are maps, arrays and strings; names that meet; snake_case components"),
    "devops/2021-06-25": (["GetPipelineRun", "CreateAppMembers", "GetProjectInfo"],
                          "ROA: an array of arrays, a string body, success/errorCode bodies"),
    "fc/2023-03-30": (["InvokeFunction", "GetFunction", "ListFunctions", "GetAlias"],
                      "FC: a binary body, $ref into components and their nested $refs"),
    "arms/2019-08-08": (["GetOnCallSchedulesDetail"], "V3: an array of arrays of objects"),
    "eiam-developerapi/2022-02-25": (["GetUserInfo", "RevokeToken"], "ROA: a map of any values as the body"),
    "airticketopen/2023-01-17": (["Search", "OrderDetail"], "ROA: any values (error_data), request_id in the demos"),
    "hbr/2017-09-08": (["DescribeBackupJobs2"], "RPC: an array without items"),
    "mse/2019-05-31": (["CreateOrUpdateSwimmingLaneGroup"], "RPC: two properties that differ only in case"),
    "aimiaobi/2023-08-01": (["GetDataSourceOrderConfig", "ListHotNewsWithType"],
                            "RPC: Success/Code/Message bodies with a 200 status"),
    "pairecservice/2022-12-13": (["ReportABMetricGroup"], "ROA: a map of maps of objects"),
    "adb/2021-12-01": (["GetTable"], "RPC: a map of strings"),
    "linkedmall/2023-09-30": (["GetOrder", "ListCategories"],
                              "ROA: $ref bodies, components that hold components"),
    "ess/2014-08-28": (["DescribeScalingGroups"],
                       "RPC from the metadata alone: the README's quick starts, the common codes"),
    "oss/2019-05-17": (["GetObject", "GetBucketPolicy", "ListBuckets"],
                       "OSS: a binary body, a string body, $refs to components the file lacks"),
}


def references(node, out):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            out.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            references(value, out)
    elif isinstance(node, list):
        for value in node:
            references(value, out)


def cut(meta, ops):
    apis = meta["apis"]
    chosen = {op: apis[op] for op in (ops or apis) if op in apis}
    missing = [op for op in (ops or []) if op not in apis]
    if missing:
        sys.exit(f"not in the file: {missing}")
    schemas = meta.get("components", {}).get("schemas", {})
    reached, pending = set(), set()
    references(chosen, pending)
    while pending:
        name = pending.pop()
        if name in reached or name not in schemas:
            continue
        reached.add(name)
        references(schemas[name], pending)
    out = {"info": meta.get("info", {})}
    if reached:
        out["components"] = {"schemas": {name: schemas[name] for name in sorted(reached)}}
    out["apis"] = chosen
    return out


def main():
    source = pathlib.Path(sys.argv[1])
    rows = []
    for product, (ops, why) in CUTS.items():
        meta = json.loads((source / product / "api-docs.json").read_text(encoding="utf-8"))
        target = OUT / product / "api-docs.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(cut(meta, ops), ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        kept = "all" if ops is None else ", ".join(f"`{op}`" for op in ops)
        rows.append(f"| `{product}` | {kept} | {why} | {len(text) // 1024} KB |")
    print("| product | operations kept | what it pins | size |\n|---|---|---|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

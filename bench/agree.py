#!/usr/bin/env python3
"""Checks that dabiao and a peer reach the same verdicts (scripts/bench.sh):
    bench/agree.py VERDICTS.json PEER-verdicts.csv
The due targets of dabiao's JSON report (met, missed, no data) against the peer's rows
(region,indicator,year,verdict); prints the first differences and exits 1 when there are any.
"""
import csv
import json
import sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
ours = {}
for region in report.get("regions", [report]):
    for v in region["verdicts"]:
        if v["status"] != "not_due":
            ours[(region["region"], v["indicator"], int(v["year"]))] = v["status"].replace("_", " ")
theirs = {}
with open(sys.argv[2], encoding="utf-8") as f:
    for row in csv.DictReader(f):
        theirs[(row["region"], row["indicator"], int(row["year"]))] = row["verdict"]
differences = [(k, ours.get(k), theirs.get(k)) for k in sorted(set(ours) | set(theirs)) if ours.get(k) != theirs.get(k)]
for key, a, b in differences[:10]:
    print(f"{key}: dabiao {a}, peer {b}", file=sys.stderr)
print(f"{len(ours)} due verdicts, {len(differences)} different")
sys.exit(1 if differences else 0)

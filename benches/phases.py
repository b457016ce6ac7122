#!/usr/bin/env python3
"""Sum the step durations of a run's journal by step kind (phases)."""
import collections, json, sys
job = sys.argv[1]
plan = json.load(open(f"{job}/plan.json"))
kinds = {s["id"]: s["kind"]["step"] for s in plan["steps"]}
tot = collections.Counter()
for line in open(f"{job}/journal.jsonl"):
    r = json.loads(line)
    if r.get("event") == "step_end":
        tot[kinds[r["step"]]] += r.get("micros", 0)
for k, v in sorted(tot.items(), key=lambda x: -x[1]):
    print(f"{k:20} {v/1e6:8.3f} s")

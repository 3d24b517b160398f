"""The same questions as `pathways route` and `pathways check`, answered with Python's json and
networkx, for benches/compare.sh. Usage:
  compare_networkx.py route FILE LEVEL TARGET   best route by weeks (DESIGN arithmetic)
  compare_networkx.py reach FILE                stages no on-ramp reaches; on-ramps with no job ahead
  compare_networkx.py pick FILE LEVEL           a far job an on-ramp for LEVEL reaches (for the bench)
Only the levels the generator writes (ESL n, ABE n, HSE) are handled."""

import json
import sys

import networkx as nx


def meets(level, entry):
    if entry == "any":
        return True
    if level == "HSE":
        return entry == "HSE" or entry.startswith("ABE")
    scale, n = level.split()
    if not entry.startswith(scale):
        return False
    return int(n) >= int(entry.split()[1])


def build(path):
    with open(path) as f:
        doc = json.load(f)
    stages = {s["id"]: s for s in doc["stages"]}
    g = nx.DiGraph()
    g.add_nodes_from(stages)
    for t in doc["transitions"]:
        u, v = stages[t["from"]], stages[t["to"]]
        w = t.get("weeks", 0)
        if v["kind"] != "employment":
            w += v.get("weeks", 0)
        if u["kind"] == "employment":
            w += u.get("weeks", 0)
        g.add_edge(t["from"], t["to"], weeks=w)
    return stages, g


def route(path, level, target):
    stages, g = build(path)
    g.add_node("__start__")
    for sid, s in stages.items():
        if any(meets(level, e) for e in s.get("entry", [])):
            g.add_edge("__start__", sid, weeks=s.get("weeks", 0))
    length, nodes = nx.single_source_dijkstra(g, "__start__", target, weight="weeks")
    print(f"{length} weeks: {' -> '.join(nodes[1:])}")


def reach(path):
    stages, g = build(path)
    ramps = [sid for sid, s in stages.items() if s.get("entry")]
    g.add_node("__start__")
    g.add_edges_from(("__start__", r) for r in ramps)
    reached = nx.descendants(g, "__start__")
    unreachable = len(stages) - len(reached)
    jobs = [sid for sid, s in stages.items() if s["kind"] == "employment"]
    r = g.reverse(copy=False)
    r.add_edges_from(("__jobs__", j) for j in jobs)
    to_job = nx.descendants(r, "__jobs__")
    no_exit = sum(1 for x in ramps if x not in to_job)
    print(f"unreachable {unreachable}, no-exit {no_exit}")


def pick(path, level):
    stages, g = build(path)
    ramps = [sid for sid, s in stages.items() if any(meets(level, e) for e in s.get("entry", []))]
    reached = set()
    for r in ramps[:50]:
        reached |= nx.descendants(g, r)
    jobs = [sid for sid in reached if stages[sid]["kind"] == "employment"]
    print(max(jobs, key=lambda j: (stages[j]["level"], -int(j[1:]))))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "route":
        route(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "reach":
        reach(sys.argv[2])
    else:
        pick(sys.argv[2], sys.argv[3])

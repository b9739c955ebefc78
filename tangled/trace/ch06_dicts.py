# A dict-heavy structure: a graph of 12,000 nodes as dicts of dicts, built,
# walked breadth first, summarised by attribute, then dropped.
import random
from collections import deque
random.seed(12)
N = 12000
graph = {}
for i in range(N):
    graph[f"n{i}"] = {"weight": random.randint(1, 100), "kind": random.choice("abcde"), "edges": {}}
for i in range(N):
    node = graph[f"n{i}"]
    for _ in range(random.randint(1, 6)):
        j = random.randrange(N)
        node["edges"][f"n{j}"] = {"cost": random.random(), "label": (i, j)}
seen, order, todo = {"n0"}, [], deque(["n0"])
while todo:
    name = todo.popleft()
    order.append(name)
    for nxt in graph[name]["edges"]:
        if nxt not in seen:
            seen.add(nxt)
            todo.append(nxt)
by_kind = {}
for name in order:
    node = graph[name]
    s = by_kind.setdefault(node["kind"], {"count": 0, "weight": 0, "edges": 0})
    s["count"] += 1; s["weight"] += node["weight"]; s["edges"] += len(node["edges"])
print(f"dicts: {len(graph)} nodes, {len(order)} reached, kinds {sorted(by_kind)}")
del graph, seen, order, todo, by_kind

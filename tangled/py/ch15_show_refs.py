import gc

def show_refs(objs, max_depth=3, too_many=10):    # objgraph 3.6's _show_graph
    names, depth, queue = {}, {}, []
    node = lambda o: "o%d" % names.setdefault(id(o), len(names))
    print("digraph ObjectGraph {\n  node[shape=box, style=filled, fillcolor=white];")
    for obj in objs:
        print("  %s[fontcolor=red];" % node(obj)); depth[id(obj)] = 0; queue.append(obj)
    while queue:
        target = queue.pop(0); d = depth[id(target)]
        label = ("%d items" % len(target) if isinstance(target, (tuple, list, dict))
                 else repr(target)[:40])
        print('  %s[label="%s\\n%s"];' % (node(target), type(target).__name__, label))
        v = 1 * (1 - d / max_depth) + .3 * d / max_depth
        print('  %s[fillcolor="%g,%g,%g"];' % (node(target), 0, 0, v))
        if v < 0.5: print("  %s[fontcolor=white];" % node(target))
        if d >= max_depth: continue
        for source in gc.get_referents(target)[:too_many]:
            print("  %s -> %s;" % (node(target), node(source)))
            if id(source) not in depth: depth[id(source)] = d + 1; queue.append(source)
    print("}")

a = [1, 2, 3]
b = [4, 5, 6]
a.append(b)
b.append(a)
show_refs([a])

PROGRAM = """a = 257

def main():
    b = 257  # line 6
    c = 257  # line 7
    print(b is c, a is b, a is c)
"""
ns = {}
exec(compile(PROGRAM, "program.py", "exec"), ns)
print("one unit (a file):  ", end=""); ns["main"]()
ns = {}
for stmt in PROGRAM.split("\n\n"):     # two units, as typed at >>>
    exec(compile(stmt, "<stdin>", "single"), ns)
print("two units (>>>):    ", end=""); ns["main"]()
ns = {}
for stmt in ["s = 'hello'", "t = 'hello'", "u = 'hello world'", "v = 'hello world'"]:
    exec(compile(stmt, "<stdin>", "single"), ns)
print("'hello' is 'hello' across units:", ns["s"] is ns["t"])
print("'hello world' is 'hello world' across units:", ns["u"] is ns["v"])
built = "".join(["hel", "lo"])
print("built 'hello' is the constant:", built is ns["s"])
import sys
print("sys.intern(built) is the constant:", sys.intern(built) is ns["s"])

import copy, sys
table = [[1000 + 10 * i + j for j in range(10)] for i in range(100)]
calls = 0
def count_calls(frame, event, arg):        # a profile hook: every call of deepcopy
    global calls
    if event == "call" and frame.f_code is copy.deepcopy.__code__:
        calls += 1
memo = {}
sys.setprofile(count_calls)
y = copy.deepcopy(table, memo)
sys.setprofile(None)
print("calls of deepcopy:", calls, " originals in the memo:", len(memo) - 1)

# A text-processing script: make 8,000 lines of words, count words, build
# an index of lines per word, rewrite with a regular expression, report.
import random, re
from collections import Counter
random.seed(13)
vocab = ["".join(random.choice("etaoinshrdlucmfw") for _ in range(random.randint(2, 9)))
         for _ in range(3000)]
lines = [" ".join(random.choice(vocab) for _ in range(random.randint(4, 14))) for _ in range(8000)]
counts = Counter(w for line in lines for w in line.split())
index = {}
for n, line in enumerate(lines):
    for w in set(line.split()):
        index.setdefault(w, []).append(n)
shout = [re.sub(r"\b(\w)(\w*)\b", lambda m: m.group(1).upper() + m.group(2), line) for line in lines]
report = "\n".join(f"{w:12} {c:6} {len(index[w]):6}" for w, c in counts.most_common(200))
print(f"text: {len(lines)} lines, {len(counts)} words, {sum(counts.values())} tokens, {len(report)} bytes of report")
del vocab, lines, counts, index, shout, report

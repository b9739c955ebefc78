# A JSON round trip of a large document: build it, dump it, load it back.
import json, random
random.seed(11)
WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()

def user(i):
    return {"id": i, "name": f"user{i}", "email": f"user{i}@example.org",
            "score": round(random.random() * 100, 3),
            "tags": random.sample(WORDS, random.randint(1, 5)),
            "address": {"street": f"{random.randint(1, 999)} Main St",
                        "zip": f"{random.randint(10000, 99999)}"},
            "active": i % 3 == 0}

doc = {"users": [user(i) for i in range(4000)], "version": 3}
text = json.dumps(doc)
back = json.loads(text)
pretty = json.dumps(back, indent=2, sort_keys=True)
again = json.loads(pretty)
print(f"json: {len(doc['users'])} records, {len(text)} bytes, {len(pretty)} pretty, equal: {again == doc}")
del doc, text, back, pretty, again

#!/usr/bin/env python3
"""Seeds a running Tradeoff with realistic ADRs through its JSON API.

usage: seed.py BASE_URL COUNT [THREADS]
       seed.py --queries N       (prints N search queries drawn from the same vocabulary)

Text is drawn from a Zipf distribution (as natural language is) over English function
words, engineering terms and a few thousand generated words, with a fixed random seed, so
every run makes the same log. Prints the rate and any refused request.
"""
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

FUNCTION_WORDS = (
    "the of and to a in is that for it as with be on not this are by we at or from but have "
    "an they which one you all were can there their has more when will our would so what up "
    "out if about who them than then its only also into over after use should must could"
).split()
DOMAIN_WORDS = (
    "latency throughput cache queue gateway service monolith database index shard replica "
    "consistency availability partition goroutine channel scheduler allocation garbage pause "
    "heap stack profile benchmark deploy container kubernetes observability tracing metrics "
    "alert threshold budget error retry timeout backoff circuit breaker idempotency schema "
    "migration contract versioning api grpc rest graphql event stream kafka nats postgres "
    "sqlite redis memcached search ranking payments orders catalogue billing identity auth "
    "token session tenant region failover recovery backup encryption secret rotation audit"
).split()
LANGUAGES = ["Go", "Rust", "Java", "Python", "C++", "Node.js", "Kotlin", "Elixir"]
TEAMS = ["payments", "orders", "platform", "search", "identity", "billing", "data", "mobile"]
PEOPLE = ["Ana", "Bo", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivo", "June"]


SYLLABLES = "ka lo mi ne ru sa te vo zi pa qu ber lin dor fen gal hum jor kel mun".split()


def generated_words(count):
    rng = random.Random(7)
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


VOCABULARY = FUNCTION_WORDS + DOMAIN_WORDS + generated_words(4000)
CUMULATIVE = []
_total = 0.0
for _rank in range(len(VOCABULARY)):
    _total += 1.0 / (_rank + 1)
    CUMULATIVE.append(_total)


def words(rng, n):
    return rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=n)


def sentence(rng, n):
    return " ".join(words(rng, n)).capitalize() + "."


def adr(rng, i):
    options = rng.sample(LANGUAGES, 3)
    return {
        "title": f"{rng.choice(DOMAIN_WORDS).capitalize()} {sentence(rng, 5)[:-1].lower()} ({i})",
        "date": f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "decision_makers": rng.sample(PEOPLE, 2),
        "consulted": rng.sample(PEOPLE, 1),
        "tags": rng.sample(TEAMS, 2),
        "tickets": [f"{rng.choice(TEAMS)[:3].upper()}-{rng.randint(1, 9999)}"],
        "context": "\n\n".join(sentence(rng, 40) for _ in range(3)),
        "decision_drivers": [f"{rng.choice(DOMAIN_WORDS)} {sentence(rng, 6).lower()}" for _ in range(3)],
        "options": [
            {
                "name": name,
                "description": sentence(rng, 20),
                "good": [sentence(rng, 8) for _ in range(2)],
                "neutral": [sentence(rng, 8)],
                "bad": [sentence(rng, 8) for _ in range(2)],
            }
            for name in options
        ],
        "chosen_option": options[0],
        "justification": sentence(rng, 30),
        "consequences_good": [sentence(rng, 8) for _ in range(2)],
        "consequences_bad": [sentence(rng, 8)],
        "confirmation": sentence(rng, 15),
    }


def queries(n):
    """Search queries as people type them: content words of the text (a term of the trade,
    a rarer word, two words, a word after a stop word, the start of a word) and hostile
    punctuation. Pure stop-word searches are left out; the worst case is measured apart."""
    rng = random.Random(11)
    content = VOCABULARY[len(FUNCTION_WORDS):]
    out = []
    for i in range(n):
        kind = i % 6
        if kind == 0:
            out.append(rng.choice(DOMAIN_WORDS))
        elif kind == 1:
            out.append(rng.choice(content))
        elif kind == 2:
            out.append(f"{rng.choice(DOMAIN_WORDS)} {rng.choice(content)}")
        elif kind == 3:
            out.append(f"{rng.choice(FUNCTION_WORDS[:10])} {rng.choice(DOMAIN_WORDS)}")
        elif kind == 4:
            out.append(rng.choice(content)[:5])
        else:
            out.append(rng.choice(['"quoted" (x)', "p99 OR *", "NEAR(a b)", "-x ^y", "a:b"]))
    return out


def main():
    if sys.argv[1] == "--queries":
        print("\n".join(queries(int(sys.argv[2]))))
        return
    base, count = sys.argv[1], int(sys.argv[2])
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    url = urllib.parse.urlparse(base)
    bodies = [json.dumps(adr(random.Random(i), i + 1)) for i in range(count)]
    failures = []
    lock = threading.Lock()

    def work(part):
        conn = http.client.HTTPConnection(url.hostname, url.port)
        for body in part:
            conn.request("POST", "/api/v1/adrs", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            if response.status != 201:
                with lock:
                    failures.append((response.status, payload[:200]))

    start = time.monotonic()
    workers = [threading.Thread(target=work, args=(bodies[t::threads],)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - start
    print(f"seeded {count - len(failures)} ADRs in {elapsed:.1f} s ({count / elapsed:.0f}/s)")
    for status, payload in failures[:5]:
        print(f"refused: {status} {payload!r}", file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

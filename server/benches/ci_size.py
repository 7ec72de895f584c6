#!/usr/bin/env python3
"""Evidence at the size a large repository's CI produces, against benchstat.

Generates two Go benchmark files of 20,000 benchmarks x 10 runs x 3 units (about 15 MB
each, fixed seed), starts the release server on a fresh database, and measures:
  - each upload (POST /api/v1/adrs/N/evidence) and the comparison request, as seen by a
    client (median of 5 comparison requests);
  - the ADR page and the benchmarks chart of that ADR (median of 5, and the first: later
    sizes are drawn from the comparison the first one kept);
  - the server's resident memory after it all (IDLE=seconds measures it again after a
    pause), its anonymous and file-backed parts, and the database size against the raw text;
  - with BENCHSTAT=/path/to/benchstat set, benchstat on the same two files (median of 3).

Run after `cargo leptos build --release`, from the repository root:
    BENCHSTAT=/tmp/bs/benchstat python3 server/benches/ci_size.py
"""
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

BENCHMARKS = int(os.environ.get("BENCHMARKS", "20000"))
RUNS = 10


def generate(path, shift, seed):
    rng = random.Random(seed)
    with open(path, "w") as out:
        out.write("goos: linux\ngoarch: amd64\npkg: example.com/big\ncpu: Intel(R) Xeon(R) CPU @ 2.20GHz\n")
        for i in range(BENCHMARKS):
            base = 500 + (i * 7919) % 100000
            # A third of the benchmarks change by `shift`.
            factor = shift if i % 3 == 0 else 1.0
            for _ in range(RUNS):
                ns = base * factor * (1 + rng.gauss(0, 0.02))
                print(
                    f"BenchmarkCodec/case={i}/size={1 << (i % 12)}-8\t{100000 + i}\t{ns:.1f} ns/op"
                    f"\t{64 + i % 5} B/op\t{2 + i % 3} allocs/op",
                    file=out,
                )
        out.write("PASS\nok  \texample.com/big\t100.0s\n")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, data=None, method=None, content_type=None):
    req = urllib.request.Request(url, data=data, method=method)
    if content_type:
        req.add_header("content-type", content_type)
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as response:
        body = response.read()
    return time.perf_counter() - start, body


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    work = tempfile.mkdtemp(prefix="tradeoff-ci-size-")
    old, new = os.path.join(work, "old.txt"), os.path.join(work, "new.txt")
    generate(old, 1.0, 1)
    generate(new, 0.8, 2)
    raw = os.path.getsize(old) + os.path.getsize(new)
    print(f"files: {BENCHMARKS} benchmarks x {RUNS} runs x 3 units, {os.path.getsize(old) / 1e6:.1f} MB and {os.path.getsize(new) / 1e6:.1f} MB")

    port = free_port()
    db = os.path.join(work, "t.db")
    env = dict(os.environ, DATABASE_URL=f"sqlite://{db}", LEPTOS_SITE_ADDR=f"127.0.0.1:{port}",
               LEPTOS_SITE_ROOT="target/site", LEPTOS_ENV="PROD", RUST_LOG="warn")
    server = subprocess.Popen(["target/release/tradeoff"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                request(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        print(f"server memory at start: {rss_mb(server.pid):.0f} MB")
        _, body = request(base + "/api/v1/adrs", json.dumps({"title": "Codec", "options": [{"name": "Go"}, {"name": "Rust"}]}).encode(), content_type="application/json")
        n = json.loads(body)["number"]
        uploads = []
        for option, path in (("Go", old), ("Rust", new)):
            with open(path, "rb") as f:
                data = f.read()
            t, body = request(f"{base}/api/v1/adrs/{n}/evidence?option={option}", data, content_type="text/plain")
            uploads.append(t)
            print(f"upload {option}: {t:.2f} s, answer {len(body)} bytes")
        times = []
        for _ in range(5):
            t, body = request(f"{base}/api/v1/adrs/{n}/comparison?base=Go&new=Rust&format=text")
            times.append(t)
        comparison = statistics.median(times)
        print(f"comparison request: {comparison:.3f} s median of 5 (goal < 0.3 s)")
        print(f"whole pipeline (two uploads + comparison): {sum(uploads) + comparison:.2f} s")
        for name, path in (("ADR page", f"/adr/{n}"), ("benchmarks chart", f"/adr/{n}/charts/benchmarks.svg?w=961")):
            times = []
            for i in range(5):
                # A new size each time, so the chart is drawn, not served from the cache.
                url = base + (path.replace("961", str(961 + i)) if "chart" in name else path)
                t, _ = request(url)
                times.append(t)
            print(f"{name}: {statistics.median(times) * 1000:.0f} ms median of 5 (goal < 200 ms), the first {times[0] * 1000:.0f} ms")
        for fmt in ("json", "csv"):
            t, _ = request(f"{base}/api/v1/adrs/{n}/comparison?base=Go&new=Rust&format={fmt}")
            print(f"comparison as {fmt}: {t:.3f} s")
        print(f"server memory after: {rss_mb(server.pid):.0f} MB (goal < 150 MB)")
        if os.environ.get("IDLE"):
            time.sleep(float(os.environ["IDLE"]))
            print(f"server memory after {os.environ['IDLE']} s idle: {rss_mb(server.pid):.0f} MB")
        with open(f"/proc/{server.pid}/status") as f:
            print(" ".join(l.split()[0] + l.split()[1] for l in f if l.startswith(("RssAnon", "RssFile"))))
    finally:
        server.terminate()
        server.wait()
    # Stopped, the server has checkpointed its write-ahead log into the database file.
    stored = sum(os.path.getsize(os.path.join(work, f)) for f in os.listdir(work) if f.startswith("t.db"))
    print(f"database: {stored / 1e6:.1f} MB for {raw / 1e6:.1f} MB of raw text, {stored / raw:.2f}x (goal < 1.5x)")

    benchstat = os.environ.get("BENCHSTAT")
    if benchstat:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([benchstat, old, new], stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        bs = statistics.median(times)
        print(f"benchstat on the same files: {bs:.2f} s median of 3")
        print(f"comparison request vs benchstat: {bs / comparison:.1f}x faster; whole pipeline / benchstat: {(sum(uploads) + comparison) / bs:.2f}")
    else:
        print("BENCHSTAT not set: benchstat not run", file=sys.stderr)


if __name__ == "__main__":
    main()

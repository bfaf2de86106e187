#!/usr/bin/env python3
"""Benchmark driver for the datasketch peer (storydiff's own code; datasketch is not vendored).

Reads the first --limit articles of a JSONL file written by scripts/lib/synth-corpus.ts, builds
word shingles the way storydiff does (lower-cased runs of letters and digits, a '.' or ','
between digits kept inside a number, --shingle words per shingle, single words for shorter
texts), and measures:

  insert: shingling + MinHash (one MinHash template, then per article copy() + update_batch(),
          which is exactly what MinHash.bulk / MinHash.generator do) + MinHashLSH insertion
          (insertion_session, bands and rows given explicitly so the banding equals storydiff's);
  query:  MinHashLSH.query latency for --queries stored articles (signature precomputed), and
          the latency of signature + query from the text.

datasketch is imported from PYTHONPATH (a checkout of ekzhu/datasketch outside the repository).
Prints one JSON object on stdout.

    PYTHONPATH=/tmp/datasketch python3 scripts/peers/datasketch_bench.py --jsonl corpus.jsonl \
        --limit 20000 --num-perm 128 --bands 32 --rows 4 --threshold 0.4 --shingle 3
"""

import argparse
import json
import os
import platform
import re
import resource
import sys
import time

TOKEN = re.compile(r"[^\W_]+(?:[.,](?=\d)[^\W_]+)*")


def shingles(text, k):
    words = TOKEN.findall(text.lower())
    if len(words) < k:
        return [w.encode("utf-8") for w in words]
    return [" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


def percentile(values, q):
    if not values:
        return None
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", required=True)
    ap.add_argument("--limit", type=int, default=20000)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--bands", type=int, default=32)
    ap.add_argument("--rows", type=int, default=4)
    ap.add_argument("--threshold", type=float, default=0.4)
    ap.add_argument("--shingle", type=int, default=3)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    import datasketch
    import numpy
    from datasketch import MinHash, MinHashLSH

    t = time.perf_counter()
    docs = []
    text_bytes = 0
    with open(args.jsonl, encoding="utf-8") as f:
        for line in f:
            if len(docs) >= args.limit:
                break
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec.get("text") or ""
            text_bytes += len(text.encode("utf-8"))
            docs.append((rec.get("id") or str(len(docs)), text))
    read_s = time.perf_counter() - t

    template = MinHash(num_perm=args.num_perm, seed=args.seed)
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm, params=(args.bands, args.rows))
    shingle_s = minhash_s = lsh_s = 0.0
    clock = time.perf_counter
    t0 = clock()
    with lsh.insertion_session() as session:
        for key, text in docs:
            a = clock()
            sh = shingles(text, args.shingle)
            b = clock()
            m = template.copy()
            m.update_batch(sh)
            c = clock()
            session.insert(key, m, check_duplication=False)
            d = clock()
            shingle_s += b - a
            minhash_s += c - b
            lsh_s += d - c
    insert_s = clock() - t0

    # queries: every (n / q)-th stored article
    n = len(docs)
    q = min(args.queries, n)
    step = max(1, n // q) if q else 1
    query_ms = []
    full_ms = []
    candidates = 0
    for i in range(0, n, step):
        if len(query_ms) >= q:
            break
        a = clock()
        m = template.copy()
        m.update_batch(shingles(docs[i][1], args.shingle))
        b = clock()
        found = lsh.query(m)
        c = clock()
        candidates += len(found)
        query_ms.append((c - b) * 1000)
        full_ms.append((c - a) * 1000)

    version = getattr(datasketch, "__version__", None)
    if not version or version == "0.0.0":
        # a source checkout (not installed): the version is in its pyproject.toml
        try:
            root = os.path.dirname(os.path.dirname(os.path.abspath(datasketch.__file__)))
            with open(os.path.join(root, "pyproject.toml"), encoding="utf-8") as f:
                m = re.search(r'^version\s*=\s*"([^"]+)"', f.read(), re.M)
                version = m.group(1) if m else version
        except OSError:
            pass

    out = {
        "peer": "datasketch",
        "version": version,
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "method": "MinHash template + copy() + update_batch() per article (as MinHash.bulk), "
        "MinHashLSH.insertion_session, params=(bands, rows)",
        "articles": n,
        "textBytes": text_bytes,
        "readSeconds": read_s,
        "insertSeconds": insert_s,
        "articlesPerSecond": n / insert_s if insert_s > 0 else None,
        "mbPerSecond": text_bytes / 1e6 / insert_s if insert_s > 0 else None,
        "phases": {"shingleSeconds": shingle_s, "minhashSeconds": minhash_s, "lshSeconds": lsh_s},
        "settings": {
            "numPerm": args.num_perm,
            "bands": args.bands,
            "rows": args.rows,
            "threshold": args.threshold,
            "shingle": args.shingle,
        },
        "query": {
            "n": len(query_ms),
            "p50Ms": percentile(query_ms, 0.5),
            "p99Ms": percentile(query_ms, 0.99),
            "meanCandidates": candidates / len(query_ms) if query_ms else None,
        },
        "queryFromText": {"p50Ms": percentile(full_ms, 0.5), "p99Ms": percentile(full_ms, 0.99)},
        "peakRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

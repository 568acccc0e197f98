#!/usr/bin/env python3
"""Data for `kantel-bench minimize-scale` (issue 8): random crisp data after Dusa (2018).

Every file is `case, C1..Ck, Y`: N rows uniform in {0,1}^k, Y = a random DNF of 3 terms x 3
literals (random polarity), drawn from Python's `random.Random(1000 * k + N + 7919 * seed)`.
`gen` is copied verbatim from ../shared/validation/r-bench/bench.py (the script that made the
data R QCA 3.25 ran on), so the files are byte-identical to R's wherever the settings overlap:
`--check DIR` proves that for every min_k*_N*_s*.csv in DIR.

usage:
  python3 scripts/bench-data.py [--out DIR] [--set small|large|all]   # write the grid's files
  python3 scripts/bench-data.py --check DIR                            # regenerate and compare

Sets: `small` = every file of the grid with at most 1,000 cases (committed under
testdata/bench/data/); `large` = the 10,000-case files (about 2.6 MB, not committed:
kantel-bench calls this script to write them under target/ when they are missing).
"""
import argparse, csv, io, os, random, re, sys

# The grid of issue 8: conditions x cases, plus 20 conditions x 20 rows.
KS = [12, 16, 20, 24, 30]
NS = [200, 1000, 10000]
EXTRA = [(20, 20)]
SEED = 1


def gen(k, N, seed, path):
    # Verbatim from r-bench/bench.py (do not change: R's figures are for exactly these bytes).
    rng = random.Random(1000 * k + N + 7919 * seed)
    cn = ["C%d" % (i + 1) for i in range(k)]
    X = [[rng.randint(0, 1) for _ in range(k)] for _ in range(N)]
    terms = []
    for _ in range(3):
        v = rng.sample(range(k), 3)
        pol = [rng.randint(0, 1) for _ in v]
        terms.append(list(zip(v, pol)))
    Y = [int(any(all(row[i] == p for i, p in t) for t in terms)) for row in X]
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["case"] + cn + ["Y"])
        for j, (row, y) in enumerate(zip(X, Y)):
            w.writerow(["r%d" % (j + 1)] + row + [y])
    truth = " + ".join("*".join(("" if p else "~") + cn[i] for i, p in t) for t in terms)
    return truth, sum(Y)


def name(k, N, seed=SEED):
    return "min_k%d_N%d_s%d.csv" % (k, N, seed)


def grid(which):
    cells = [(k, N) for k in KS for N in NS] + EXTRA
    if which == "small":
        return [(k, N) for k, N in cells if N <= 1000]
    if which == "large":
        return [(k, N) for k, N in cells if N > 1000]
    return cells


def check(d):
    pat = re.compile(r"^min_k(\d+)_N(\d+)_s(\d+)\.csv$")
    files = sorted(f for f in os.listdir(d) if pat.match(f))
    if not files:
        sys.exit("no min_k*_N*_s*.csv files in %s" % d)
    bad = 0
    tmp = os.path.join(d, ".bench-data-check.tmp")
    try:
        for f in files:
            k, N, s = map(int, pat.match(f).groups())
            gen(k, N, s, tmp)
            same = open(tmp, "rb").read() == open(os.path.join(d, f), "rb").read()
            print("%s %s" % ("SAME  " if same else "DIFFER", f))
            bad += not same
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    if bad:
        sys.exit("%d of %d files differ from the generator" % (bad, len(files)))
    print("all %d files byte-identical to the generator" % len(files))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(here, "..", "testdata", "bench", "data"))
    ap.add_argument("--set", choices=["small", "large", "all"], default="small")
    ap.add_argument("--check", metavar="DIR")
    a = ap.parse_args()
    if a.check:
        check(a.check)
        return
    os.makedirs(a.out, exist_ok=True)
    for k, N in grid(a.set):
        path = os.path.join(a.out, name(k, N))
        truth, pos = gen(k, N, SEED, path)
        print("%s\t%d positive\t%s" % (name(k, N), pos, truth))


if __name__ == "__main__":
    main()

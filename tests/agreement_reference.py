#!/usr/bin/env python3
"""Reference values for the agreement tests (tests/agreement_stats.rs).

Reads the fixed cases in tests/fixtures/agreement_cases.json and computes, independently of
Margin's code, what docs/agreement.md defines:

- percent agreement: directly, from per-unit 0/1 vectors;
- Cohen's kappa: scikit-learn's `cohen_kappa_score`;
- Krippendorff's alpha (nominal): the `krippendorff` package from PyPI;
- Krippendorff's unitizing alpha (u-alpha, 1995/2004): a direct, deliberately naive
  transcription of the formula below (every pair of sections, no sweep), checked first against
  the values Krippendorff published for his examples.

Run:  pip install krippendorff scikit-learn && python3 tests/agreement_reference.py
for every value as JSON, or with --rust for the rows of EXPECTED in tests/agreement_stats.rs
(copied there by hand; the tests never run Python).
"""

import json
import math
import os
import sys
import warnings

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- units

def paragraphs(text):
    """Runs of non-blank lines, as [start, end) character ranges (line breaks excluded)."""
    out, start, pos = [], None, 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            if start is None:
                start = pos
            last = end
        elif start is not None:
            out.append((start, last))
            start = None
        pos = end + 1
    if start is not None:
        out.append((start, last))
    return out


def doc_text(doc):
    return doc["text"] if "text" in doc else "x" * doc["length"]


def segment_units(doc):
    if doc.get("segments"):
        return sorted(tuple(s) for s in doc["segments"])
    return paragraphs(doc_text(doc))


def vector(doc, spans, unit):
    """0/1 per unit: characters, or segments overlapped by any span."""
    if unit == "character":
        v = np.zeros(len(doc_text(doc)), dtype=int)
        for a, b in spans:
            v[a:b] = 1
        return v
    segs = segment_units(doc)
    return np.array([int(any(a < e and s < b for a, b in spans)) for s, e in segs], dtype=int)


# ---------------------------------------------------------------- coefficients

def percent(rows):
    rows = np.array(rows)
    if rows.shape[1] == 0:
        return None
    return float(np.mean(np.all(rows == rows[0], axis=0)))


def kappa(rows):
    if len(rows) != 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = cohen_kappa_score(rows[0], rows[1], labels=[0, 1])
    return None if math.isnan(k) else float(k)


def alpha(rows):
    try:
        return float(krippendorff.alpha(reliability_data=np.array(rows),
                                        level_of_measurement="nominal"))
    except ValueError:  # one value only: alpha undefined
        return None


def sections(units, length):
    """A coder's division of [0, length) into units (coded) and gaps."""
    out, pos = [], 0
    for a, b in sorted(units):
        if a > pos:
            out.append((pos, a, False))
        out.append((a, b, True))
        pos = max(pos, b)
    if pos < length:
        out.append((pos, length, False))
    return out


def delta2(x, y):
    (b1, e1, w1), (b2, e2, w2) = x, y
    l1, l2 = e1 - b1, e2 - b2
    if w1 and w2 and -l1 < b1 - b2 < l2:
        return (b1 - b2) ** 2 + (e1 - e2) ** 2
    if w1 and not w2 and l2 - l1 >= b1 - b2 >= 0:
        return l1 ** 2
    if not w1 and w2 and l1 - l2 >= b2 - b1 >= 0:
        return l2 ** 2
    return 0


def u_alpha_parts(continua):
    """D_o and D_e of u-alpha for one code. `continua` is a list of (length, [units per coder]),
    documents laid end to end: units and gaps never cross from one document to the next.

        D_o = sum_{i != j} sum_g sum_h delta2(ig, jh) / (m (m-1) L^2)
        D_e = 2/L * sum_{units u} [ (N_c - 1)(2 l^3 - 3 l^2 + l)/3
                                    + l^2 * sum_{gaps h, l_h >= l} (l_h - l + 1) ]
              / (m L (m L - 1) - sum_u l (l - 1))
    """
    m = len(continua[0][1])
    L = sum(length for length, _ in continua)
    per_coder = [[] for _ in range(m)]
    offset = 0
    for length, units in continua:
        for i in range(m):
            per_coder[i] += [(a + offset, b + offset, w) for a, b, w in sections(units[i], length)]
        offset += length
    observed = 0
    for i in range(m):
        for j in range(m):
            if i != j:
                for x in per_coder[i]:
                    for y in per_coder[j]:
                        observed += delta2(x, y)
    d_o = observed / (m * (m - 1) * L * L)
    units = [e - b for s in per_coder for b, e, w in s if w]
    gaps = [e - b for s in per_coder for b, e, w in s if not w]
    n_c = len(units)
    total = 0
    for l in units:
        total += (n_c - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3
        total += l ** 2 * sum(g - l + 1 for g in gaps if g >= l)
    d_e = 2 / L * total / (m * L * (m * L - 1) - sum(l * (l - 1) for l in units))
    return d_o, d_e


def u_alpha(parts):
    """1 - sum D_o / sum D_e over codes (Krippendorff 2004); None when nothing was coded."""
    o = sum(p[0] for p in parts)
    e = sum(p[1] for p in parts)
    return None if e == 0 else 1 - o / e


def merge_overlapping(spans):
    out = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [tuple(s) for s in out]


# ---------------------------------------------------------------- the published examples

def check_published():
    cases = {c["name"]: c for c in load()["cases"]}
    c = cases["krippendorff2004"]
    parts = {code: u_alpha_parts(continua(c, [c["documents"][0]], c["coders"], code))
             for code in ("c", "k")}
    # Krippendorff (2004), p. 254, as reproduced in DKPro Statistics' Krippendorff2004Test.
    assert abs(parts["c"][0] - 0.0144) < 1e-4 and abs(parts["c"][1] - 0.0532) < 1e-4
    assert abs(1 - parts["c"][0] / parts["c"][1] - 0.7286) < 1e-4
    assert parts["k"][0] == 0 and abs(parts["k"][1] - 0.0490) < 1e-4
    assert abs(u_alpha(parts.values()) - 0.8591) < 5e-4
    c = cases["krippendorff1995"]
    published = {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}
    for code, d_o in published.items():
        got = u_alpha_parts(continua(c, [c["documents"][0]], c["coders"], code))[0]
        assert abs(got - d_o) < 1e-5, (code, got, d_o)


# ---------------------------------------------------------------- the cases

def load():
    with open(os.path.join(HERE, "fixtures", "agreement_cases.json"), encoding="utf-8") as f:
        return json.load(f)


def spans_of(case, doc, coder, code):
    return [(a, b) for who, d, k, a, b in case["codings"]
            if who == coder and d == doc["name"] and k == code]


def continua(case, docs, coders, code):
    return [(len(doc_text(d)),
             [merge_overlapping(spans_of(case, d, who, code)) for who in coders]) for d in docs]


def scope(case, coders):
    docs = [d for d in case["documents"]
            if all(any(who == x and dn == d["name"] for who, dn, *_ in case["codings"])
                   for x in coders)]
    docs.sort(key=lambda d: d["name"])
    names = {d["name"] for d in docs}
    used = {k for who, dn, k, *_ in case["codings"] if who in coders and dn in names}
    codes = [k["name"] for k in case["codes"] if k["name"] in used]
    return docs, codes


def measures(rows, parts):
    return {"percent": percent(rows), "kappa": kappa(rows), "alpha": alpha(rows),
            "u_alpha": u_alpha(parts)}


def compute(case, coders, unit):
    docs, codes = scope(case, coders)
    rows = {(d["name"], k): [vector(d, spans_of(case, d, who, k), unit) for who in coders]
            for d in docs for k in codes}
    parts = {(d["name"], k): u_alpha_parts(continua(case, [d], coders, k))
             for d in docs for k in codes}

    def cat(keys):
        return [np.concatenate([rows[key][i] for key in keys]) for i in range(len(coders))]

    out = {"documents": [d["name"] for d in docs], "codes": {}, "per_document": {}}
    for k in codes:
        out["codes"][k] = measures(cat([(d["name"], k) for d in docs]),
                                   [u_alpha_parts(continua(case, docs, coders, k))])
    for d in docs:
        keys = [(d["name"], k) for k in codes]
        out["per_document"][d["name"]] = {
            "overall": measures(cat(keys), [parts[key] for key in keys]),
            "codes": {k: measures(rows[(d["name"], k)], [parts[(d["name"], k)]])
                      for k in codes if any(spans_of(case, d, who, k) for who in coders)},
        }
    out["overall"] = measures(cat([(d["name"], k) for d in docs for k in codes]),
                              [u_alpha_parts(continua(case, docs, coders, k)) for k in codes])
    return out


def main():
    check_published()
    results = {}
    for case in load()["cases"]:
        groups = [case["coders"]]
        if len(case["coders"]) > 2:
            groups += [case["coders"][:2]]
        for coders in groups:
            for unit in ("character", "segment"):
                results[f'{case["name"]} {"+".join(coders)} {unit}'] = compute(case, coders, unit)
    if "--rust" in sys.argv:
        print_rust(results)
    else:
        json.dump(results, sys.stdout, indent=1, default=lambda x: None)
        print()


def print_rust(results):
    """One row per value set: (case, coders, unit, document or "*", code or "*", percent,
    kappa, alpha, u_alpha)."""
    def opt(x):
        return "None" if x is None else f"Some({x!r})"

    def row(key, doc, code, m):
        case, coders, unit = key.split(" ")
        values = ", ".join(opt(m[k]) for k in ("percent", "kappa", "alpha", "u_alpha"))
        print(f'    ("{case}", "{coders}", "{unit}", "{doc}", "{code}", {values}),')

    for key, r in results.items():
        row(key, "*", "*", r["overall"])
        for code, m in r["codes"].items():
            row(key, "*", code, m)
        for doc, d in r["per_document"].items():
            row(key, doc, "*", d["overall"])
            for code, m in d["codes"].items():
                row(key, doc, code, m)


if __name__ == "__main__":
    main()

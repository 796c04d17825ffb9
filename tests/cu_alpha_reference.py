#!/usr/bin/env python3
"""Reference values for the cu-alpha family (tests/agreement_domains.rs).

Reads the fixed cases in tests/fixtures/cu_alpha_cases.json and computes, independently of
Margin's code and deliberately naively (character by character, every ordered pair of coders,
exact fractions), what docs/agreement.md defines after Krippendorff (2019, Content Analysis,
4th ed., section 12.6):

- a semantic domain is a top-level code with all its descendants;
- each coder's value at a character is the set of the domain's codes they applied there (the
  empty set is the gap phi; two or more codes are a combined value "a+b");
- sections are maximal runs of one coder's value within one document;
- observed coincidences l_ck: characters where coder i has c and coder j has k, over ordered
  pairs i != j, divided by m - 1;
- expected e_ck = (l_c. l_.k - [c = k] corr_c) / (l.. - sum corr / l..), corr_c being the sum of
  l_g^2 over sections with value c (of l_g for gap sections);
- u-alpha (nominal), |u-alpha (2x2 collapse gap / not gap), cu-alpha (non-gap values only, with
  the correction of squared pairable lengths), Cu-alpha (cu-alpha with domains as values, a
  character coded in two domains counting in each);
- 1 - D_o / D_e, undefined (None) when D_e = 0.

Run:  python3 tests/cu_alpha_reference.py        (every value as JSON)
      python3 tests/cu_alpha_reference.py --rust (rows for EXPECTED in tests/agreement_domains.rs,
                                                  copied there by hand; the tests never run Python)
"""

import json
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
GAP = "φ"


def load():
    with open(os.path.join(HERE, "fixtures", "cu_alpha_cases.json"), encoding="utf-8") as f:
        return json.load(f)["cases"]


def doc_length(doc):
    return len(doc["text"]) if "text" in doc else doc["length"]


def domains_of(case):
    """Top-level code -> set of its codes (itself and all descendants), codebook order."""
    parent = {c["name"]: c.get("parent") for c in case["codes"]}

    def root(name):
        while parent[name] is not None:
            name = parent[name]
        return name

    out = {}
    for c in case["codes"]:
        out.setdefault(root(c["name"]), set()).add(c["name"])
    return out


def char_sets(case, doc, coder, codes):
    """Per character of `doc`, the set of `codes` `coder` applied there."""
    n = doc_length(doc)
    sets = [set() for _ in range(n)]
    for who, d, code, a, b in case["codings"]:
        if who == coder and d == doc["name"] and code in codes:
            for t in range(a, min(b, n)):
                sets[t].add(code)
    return sets


def value_name(s):
    return "+".join(sorted(s)) if s else GAP


def coincidences(labels, docs_of):
    """labels[i][t]: list of values of coder i at character t (gap: [GAP]); docs_of[t]: the
    document of character t. Returns (l, corr, pairable_corr) with exact fractions."""
    m = len(labels)
    n = len(docs_of)
    ell = {}
    for i in range(m):
        for j in range(m):
            if i == j:
                continue
            for t in range(n):
                for c in labels[i][t]:
                    for k in labels[j][t]:
                        ell[(c, k)] = ell.get((c, k), 0) + 1
    ell = {ck: Fraction(v, m - 1) for ck, v in ell.items()}
    # Sections: for each coder and value, maximal runs within one document.
    corr, pcorr = {}, {}
    for i in range(m):
        values = set(v for t in range(n) for v in labels[i][t])
        for v in values:
            t = 0
            while t < n:
                if v not in labels[i][t]:
                    t += 1
                    continue
                start = t
                while t < n and v in labels[i][t] and docs_of[t] == docs_of[start]:
                    t += 1
                length = t - start
                if v == GAP:
                    corr[v] = corr.get(v, 0) + length
                else:
                    corr[v] = corr.get(v, 0) + length * length
                    pairable = sum(
                        1
                        for u in range(start, t)
                        if any(labels[j][u] != [GAP] for j in range(m) if j != i)
                    )
                    pcorr[v] = pcorr.get(v, 0) + pairable * pairable
    return ell, corr, pcorr


def alpha(ell, corr, values, group=lambda v: v):
    """1 - D_o / D_e over `values`, with categories group(v); None when undefined."""
    ell = {(c, k): x for (c, k), x in ell.items() if c in values and k in values}
    total = sum(ell.values(), Fraction(0))
    if total == 0:
        return None
    row = {v: sum((x for (c, k), x in ell.items() if c == v), Fraction(0)) for v in values}
    col = {v: sum((x for (c, k), x in ell.items() if k == v), Fraction(0)) for v in values}
    sum_corr = sum((corr.get(v, 0) for v in values), 0)
    denom = total - Fraction(sum_corr) / total
    if denom <= 0:
        return None
    eps = {}
    for c in values:
        for k in values:
            e = row[c] * col[k]
            if c == k:
                e -= corr.get(c, 0)
            eps[(c, k)] = e / denom
    d_o = sum((x for (c, k), x in ell.items() if group(c) != group(k)), Fraction(0))
    d_e = sum((x for (c, k), x in eps.items() if group(c) != group(k)), Fraction(0))
    if d_e == 0:
        return None
    return 1 - d_o / d_e


def domain_values(case, docs, coders, codes):
    """Per coder, per character of the documents end to end: [value] (one combined value)."""
    labels = []
    combined = 0
    for coder in coders:
        row = []
        for doc in docs:
            for s in char_sets(case, doc, coder, codes):
                row.append([value_name(s)])
                combined += len(s) >= 2
        labels.append(row)
    docs_of = [d["name"] for d in docs for _ in range(doc_length(d))]
    return labels, docs_of, combined


def family(labels, docs_of):
    ell, corr, pcorr = coincidences(labels, docs_of)
    values = set(c for c, _ in ell) | set(k for _, k in ell)
    coded = values - {GAP}
    return {
        "binary": alpha(ell, corr, values, lambda v: v == GAP),
        "nominal": alpha(ell, corr, values),
        "cu": alpha(ell, pcorr, coded),
    }


def case_values(case):
    coders = case["coders"]
    docs = case["documents"]
    used = set(c[2] for c in case["codings"] if c[0] in coders)
    out = {"domains": [], "across": None}
    domains = {r: codes for r, codes in domains_of(case).items() if codes & used}
    for root, codes in domains.items():
        labels, docs_of, combined = domain_values(case, docs, coders, codes)
        entry = {"domain": root, "documents": {}, "combined": combined}
        entry.update(family(labels, docs_of))
        for doc in docs:
            if not any(c[1] == doc["name"] and c[2] in codes and c[0] in coders
                       for c in case["codings"]):
                continue
            labels, docs_of, combined = domain_values(case, [doc], coders, codes)
            d = {"combined": combined}
            d.update(family(labels, docs_of))
            entry["documents"][doc["name"]] = d
        out["domains"].append(entry)
    # Cu-alpha: values are domains; a character coded in several domains counts in each.
    labels, multi = [], 0
    for coder in coders:
        row = []
        for doc in docs:
            per = [char_sets(case, doc, coder, codes) for codes in domains.values()]
            for t in range(doc_length(doc)):
                here = [r for r, p in zip(domains, per) if p[t]]
                row.append(here if here else [GAP])
                multi += len(here) >= 2
        labels.append(row)
    docs_of = [d["name"] for d in docs for _ in range(doc_length(d))]
    ell, _, pcorr = coincidences(labels, docs_of)
    values = (set(c for c, _ in ell) | set(k for _, k in ell)) - {GAP}
    out["across"] = alpha(ell, pcorr, values)
    out["multi"] = multi
    return out


def number(x):
    return "None" if x is None else "Some(%r)" % float(x)


def main():
    result = {c["name"]: case_values(c) for c in load()}
    if "--rust" not in sys.argv:
        def plain(v):
            if isinstance(v, Fraction):
                return float(v)
            if isinstance(v, dict):
                return {k: plain(x) for k, x in v.items()}
            if isinstance(v, list):
                return [plain(x) for x in v]
            return v
        print(json.dumps(plain(result), indent=2, ensure_ascii=False))
        return
    for name, r in result.items():
        for d in r["domains"]:
            rows = [("*", d)] + list(d["documents"].items())
            for doc, v in rows:
                print('    ("%s", "%s", "%s", %s, %s, %s, %d),' % (
                    name, d["domain"], doc, number(v["binary"]), number(v["nominal"]),
                    number(v["cu"]), v["combined"]))
    print()
    for name, r in result.items():
        print('    ("%s", %s, %d),' % (name, number(r["across"]), r["multi"]))


if __name__ == "__main__":
    main()

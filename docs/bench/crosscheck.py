#!/usr/bin/env python3
"""Compare dockcount's recon.csv with the pandas baseline's, row by row.

Usage: crosscheck.py DOCKCOUNT_RECON_CSV PANDAS_RECON_CSV

Both files must hold the same (sku, location) rows in the same order (location, then SKU),
with the same status, book quantity, counted quantity and variance; variance values must agree
to the cent (pandas computes in binary floating point and rounds to 2 decimals, dockcount
exactly, so a difference of up to one cent from float rounding is reported separately, not as a
mismatch). Standard library only. Exits 1 on any mismatch.
"""
import csv
import sys
from decimal import Decimal, ROUND_HALF_EVEN


def num(text):
    """A quantity as text: '576.0' and '576' are the same; '' is None."""
    if text == "" or text.lower() == "nan":
        return None
    return Decimal(text).normalize()


def main():
    ours_path, theirs_path = sys.argv[1], sys.argv[2]
    with open(ours_path, newline="") as a, open(theirs_path, newline="") as b:
        ours = csv.DictReader(a)
        theirs = csv.DictReader(b)
        rows = mismatches = cent_diffs = 0
        for o, t in zip(ours, theirs, strict=True):
            rows += 1
            problems = []
            if (o["sku"], o["location"]) != (t["sku"], t["location"]):
                problems.append(f"key {o['sku']},{o['location']} vs {t['sku']},{t['location']}")
            if o["status"] != t["status"]:
                problems.append(f"status {o['status']} vs {t['status']}")
            for mine, base in (("book_qty", "book_qty"), ("counted_qty", "count_eaches"),
                               ("variance_qty", "variance")):
                if num(o[mine]) != num(t[base]):
                    problems.append(f"{mine} {o[mine]!r} vs {base} {t[base]!r}")
            mv, tv = num(o["variance_value"]), num(t["variance_value"])
            if (mv is None) != (tv is None):
                problems.append(f"variance_value {o['variance_value']!r} vs {t['variance_value']!r}")
            elif mv is not None:
                rounded = mv.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
                diff = abs(rounded - tv)
                if diff > Decimal("0.01"):
                    problems.append(f"variance_value {mv} vs {tv}")
                elif diff != 0:
                    cent_diffs += 1
            if problems:
                mismatches += 1
                if mismatches <= 20:
                    print(f"row {rows + 1}: " + "; ".join(problems))
    print(f"rows={rows} mismatches={mismatches} float_rounding_cent_differences={cent_diffs}")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Random small reconcile workloads that aim at the hard parts of the rules on purpose.

Usage: workload.py --seed S --cases N --out DIR
       [--features formats,malformed,columns,locations,units,masters,binrows,multiline,
                   unitcols,errlots,lotrows,unitsbelow,figuresbelow]   (all by default)
Writes DIR/case-SSSSS-NNNN/{book,counts,uom,items}.csv, site.conf (the recount rules for the
command), options.txt (default-rule options for its command line, one word a line) and
rules.json (the rules both give, for reconcile_reference.py). The same seed gives the same
files. Standard library only. Each feature dresses the files after they are made, from a
random stream of its own, so a case's rows are the same with or without it (--features ""
gives the files of before): formats (BOM, CRLF, ; or tab, sep= line, quoted fields, blank
lines, a description column of commas and doubled quotes) and malformed (count and book rows
too short or too wide, a stray quote, bytes that are not UTF-8 in a quantity or unit),
columns (a WMS's own headers, read through --columns) and locations (a bin master, with or
without --warehouse, book and count rows naming bins) and units (the book's unit column
headed Units, holding words: Case, Each; a site's carton code CTN24 the UOM table names).
The later features draw from streams of their own, so the earlier ones' files stay as they
were: masters (UOM and item rows too short or too wide, a stray quote, bytes not UTF-8, a
factor or cost blank, in words, in scientific notation, negative, zero or with a currency
sign), binrows (bin master rows repeated, blank, malformed, a name given a second location, a
spreadsheet's error value), multiline (a memo column whose quoted text runs over lines),
unitcols (the counts' unit column headed Units through --columns, the items' cost unit
headed Units and found so), errlots (a lot that is a spreadsheet's error value), lotrows (in a
book with lots: rows too short or too wide, a stray quote or bytes not UTF-8 in the quantity or
lot, a quantity blank, in words or in scientific notation) and unitsbelow (a column headed
Units beside the book's quantity or the item's cost, no unit column by its first 16 filled
values, figures or words naming no unit, or now and then one by a unit among them, with units,
figures, blanks and other words below) and figuresbelow (a unit column found by its header,
UoM, Stock UOM, Base Unit..., in a book, item master or UOM table without one, whose first rows
hold plain whole numbers, now and then not only, with units, figures, blanks and words below).
"""
import argparse
import json
import os
import random
import re

SPELLINGS = {
    "EA": ["EA", "ea", "Each", "EACH", "PC", "pcs", "Stk", "E A"],
    "CS": ["CS", "cs", "Case", "CASE", "ca", "c s", "XCS"],
    "PL": ["PL", "Pallet", "PLT", "pal", "XPX"],
    "IP": ["IP", "Inner", "i p"],
    "CT": ["CT", "Carton", "CTN", "KAR", "car"],
    "BX": ["BX", "Box", "box", "XBX"],
}
FACTORS = {"CS": [6, 12, 24], "PL": [48, 96, 480], "IP": [2, 4], "CT": [10, 20],
           "BX": [5, 100]}
BAD_NUMBERS = ["x12", "1e3", "5-", "", "1 2", "12..0", "$3", "2000000000000"]


def unit_code(text):
    """The code a spelling of SPELLINGS is of, or None."""
    for code, names in SPELLINGS.items():
        if text in names:
            return code
    return None


def spelling(rng, code):
    return rng.choice(SPELLINGS[code])


class Case:
    def __init__(self, rng):
        self.rng = rng
        self.skus = self.make_skus()
        self.locs = self.make_locations()
        self.units = {}  # sku -> {code: factor} as the table will give them
        self.uom_rows, self.item_rows, self.book_rows, self.count_rows = [], [], [], []

    def make_skus(self):
        rng = self.rng
        skus = []
        for _ in range(rng.randint(3, 10)):
            n = rng.randint(1, 99999)
            skus.append(rng.choice([f"{n:06d}", str(n), f"SKU{n}", f"00{n}"]))
        return list(dict.fromkeys(skus))

    def make_locations(self):
        rng = self.rng
        locs = []
        for _ in range(rng.randint(2, 8)):
            z = rng.choice("ABZ")
            a, b = rng.randint(1, 12), rng.randint(1, 40)
            locs.append(rng.choice([f"{z}-{a:02d}-{b:02d}-{rng.choice('ABC')}",
                                    f"{z}-{a}-{b}", f"{z}-{a:02d}", "COLD ROOM",
                                    f"{z}-{a:02d}-{b:02d}-A-1"]))
        return list(dict.fromkeys(locs))

    def uom(self, chains=False):
        rng = self.rng
        self.chains = chains
        for sku in self.skus:
            units = {}
            for code in rng.sample(list(FACTORS), rng.randint(0, 3)):
                f = rng.choice(FACTORS[code])
                units[code] = f
                text = str(f) if rng.random() < 0.8 else f"{f}.0"
                self.uom_rows.append([sku, spelling(rng, code), text])
                if rng.random() < 0.1:  # the same factor again, another spelling
                    self.uom_rows.append([sku, spelling(rng, code), str(f)])
                if rng.random() < 0.08:  # a second factor: the unit has none
                    self.uom_rows.append([sku, spelling(rng, code), str(f * 2)])
            if self.chains and units and rng.random() < 0.6:
                # A level counted in another: PL,40,CS; now and then through a unit not
                # listed, through itself, or two levels through each other.
                inner = rng.choice(list(units))
                outer = rng.choice([c for c in FACTORS if c != inner])
                k = rng.choice([2, 4, 10, 40])
                base = rng.choice([spelling(rng, inner)] * 6 + ["DZ", spelling(rng, outer)])
                self.uom_rows.append([sku, spelling(rng, outer), str(k), base])
                units.setdefault(outer, k * units[inner])  # counted in it too
                if rng.random() < 0.1:
                    self.uom_rows.append([sku, spelling(rng, inner), "3", spelling(rng, outer)])
            if rng.random() < 0.2:
                self.uom_rows.append([sku, rng.choice(["EA", "each"]), "1"])
            if rng.random() < 0.06:
                self.uom_rows.append([sku, "EA", "12"])
            if rng.random() < 0.06:
                self.uom_rows.append([sku, rng.choice(["PC", "pcs"]), "10"])
            if rng.random() < 0.08:
                self.uom_rows.append([sku, "BX", rng.choice(["2.5", "0.083", "abc"])])
            self.units[sku] = units
        rng.shuffle(self.uom_rows)

    def items(self, per_unit):
        """Item rows; with per_unit, a cost_uom column: per a pack, per so many eaches, each."""
        rng = self.rng
        for sku in self.skus:
            if rng.random() < 0.12:
                continue
            cost = rng.choice(["1.50", "0.0845", "12", "0.00", "", "25.99", "3.125",
                               "abc", "7.1234", "0.068", "1.5000000000", "24.00", "10.00"])
            klass = rng.choice(["A", "B", "C", ""])
            row = [sku, cost, klass]
            if per_unit:
                packs = [spelling(rng, code) for code in self.units.get(sku, {})]
                row.append(rng.choice(["", "", "EA", "each", "100", "1000", "7", "BX", "PC"]
                                      + packs * 3))
            self.item_rows.append(row)
            if rng.random() < 0.08:
                self.item_rows.append([sku, rng.choice([cost, "9.99"]),
                                       rng.choice([klass, "A"])] + row[3:])

    def qty_text(self, n):
        rng = self.rng
        if rng.random() < 0.05:
            return rng.choice(BAD_NUMBERS + ["2.5", "-3", "-0"])
        return str(n) if rng.random() < 0.9 else f"{n}.0"

    def book(self, with_uom):
        rng = self.rng
        pairs = set()
        for _ in range(rng.randint(3, 25)):
            sku, loc = rng.choice(self.skus), rng.choice(self.locs)
            pairs.add((sku, loc))
            n = rng.choice([rng.randint(1, 300), 0, -rng.randint(1, 40), 12, 24, 48])
            unit = ""
            if with_uom and rng.random() < 0.4:
                have = list(self.units[sku])
                code = rng.choice(have + ["EA", "BX"]) if have else rng.choice(["EA", "CS"])
                unit = spelling(rng, code)
                f = self.units[sku].get(code, 1)
                n = n // f if f and n % f == 0 else n
            self.book_rows.append([sku, loc, self.qty_text(n), unit])
            if rng.random() < 0.1:  # the same pair again: rows add up
                self.book_rows.append([sku, loc, self.qty_text(rng.randint(0, 30)), ""])
        return sorted(pairs)

    def counts(self, pairs, book_eaches):
        rng = self.rng
        for sku, loc in pairs:
            if rng.random() < 0.15:
                continue  # never counted: missing
            self.count_pair(sku, loc, book_eaches.get((sku, loc)))
        for _ in range(rng.randint(0, 5)):  # off book
            sku, loc = rng.choice(self.skus), rng.choice(self.locs)
            self.count_pair(sku, loc, None)
        for sku, loc in pairs[:rng.randint(0, 2)]:  # the same key spelt otherwise
            self.count_pair(variant(rng, sku), variant(rng, loc), book_eaches.get((sku, loc)))
        rng.shuffle(self.count_rows)

    def count_pair(self, sku, loc, book):
        rng = self.rng
        units = self.units.get(sku, {})
        b = book if book is not None and book > 0 else rng.randint(0, 60)
        kind = rng.random()
        if kind < 0.25:  # exact, in eaches
            self.count_rows.append([sku, loc, self.qty_text(b), spelling(rng, "EA")])
        elif kind < 0.4 and units:  # in a pack, with a rest in eaches
            code = rng.choice(list(units))
            f = units[code]
            self.count_rows.append([sku, loc, self.qty_text(b // f), spelling(rng, code)])
            if b % f:
                self.count_rows.append([sku, loc, self.qty_text(b % f), spelling(rng, "EA")])
        elif kind < 0.5 and units:  # the book keyed as packs, or packs keyed as eaches
            code = rng.choice(list(units))
            f = units[code]
            if rng.random() < 0.5:
                self.count_rows.append([sku, loc, str(b), spelling(rng, code)])
            else:
                self.count_rows.append([sku, loc, str(max(b // f, 1)), spelling(rng, "EA")])
        elif kind < 0.6:  # zero
            self.count_rows.append([sku, loc, rng.choice(["0", "0.0"]),
                                    rng.choice(["EA", "", "CS", "BX", "pc"])])
        elif kind < 0.7:  # fractional
            code = rng.choice(list(units) + ["EA"])
            self.count_rows.append([sku, loc, rng.choice(["0.5", "1.25", "2.5", "0.25"]),
                                    spelling(rng, code)])
        elif kind < 0.78:  # a unit without a factor, or none
            self.count_rows.append([sku, loc, str(rng.randint(1, 9)),
                                    rng.choice(["", "BX", "DZ", "pc", "CART"])])
        else:  # off by a little, in several rows
            total = max(b + rng.randint(-5, 5), 0)
            while total > 0 and rng.random() < 0.6:
                part = rng.randint(1, total)
                self.count_rows.append([sku, loc, self.qty_text(part), spelling(rng, "EA")])
                total -= part
            self.count_rows.append([sku, loc, self.qty_text(total), spelling(rng, "EA")])


def with_ids(rng, rows):
    """Adds count_id and station; some records read twice (an export appended again)."""
    out = []
    for i, r in enumerate(rows):
        station = rng.choice(["S1", "S2"])
        ident = rng.choice([f"{i + 1:04d}", str(i + 1), f"C{i + 1}", ""])
        out.append(r + [ident, station])
    for r in rng.sample(out, min(len(out), rng.randint(0, 4))):
        repeat = list(r)
        if r[-2] != "" and rng.random() < 0.3:
            repeat[-2] = rng.choice([r[-2].lstrip("0") or "0", r[-2] + ".0"]) \
                if r[-2].isdigit() else r[-2]
        if rng.random() < 0.25 and r[2].isdigit():
            repeat[2] = str(int(r[2]) + 1)  # the same id with other figures
        out.insert(rng.randint(0, len(out)), repeat)
    return out


def with_rounds(rng, rows):
    """Adds a round: some lines recounted in a later round (its rows replace the earlier)."""
    out = [r + [rng.choice(["0", "", "0", "00"])] for r in rows]
    keys = sorted({(r[0], r[1]) for r in rows})
    lots = {(r[0], r[1]): r[4:-1] for r in out}
    for sku, loc in rng.sample(keys, min(len(keys), rng.randint(0, 3))):
        for _ in range(rng.randint(1, 2)):
            out.append([sku, loc, str(rng.randint(0, 60)), rng.choice(["EA", "ea", "CS"])]
                       + lots[(sku, loc)] + [rng.choice(["1", "1.0", " 2 ", "1"])])
    for r in rng.sample(out, min(len(out), rng.randint(0, 1))):
        r[-1] = rng.choice(["x", "1.5"])
    rng.shuffle(out)
    return out


def add_lots(rng, skus, book_rows, count_rows):
    """Gives some SKUs lots: book rows a lot of theirs, counts one, a spelling, none or another."""
    lots = {sku: rng.sample(["L1", "L2", "0042", "7-A", "00913"], rng.randint(1, 3))
            for sku in skus if rng.random() < 0.5}
    for r in book_rows:
        have = lots.get(r[0])
        r.append(rng.choice(have) if have and rng.random() < 0.85 else "")
    for r in count_rows:
        have = lots.get(r[0])
        if have:
            lot = rng.choice(have)
            pick = rng.random()
            r.append(lot if pick < 0.7 else lot.lstrip("0") if pick < 0.8 else ""
                     if pick < 0.9 else "L9")
        else:
            r.append("" if rng.random() < 0.7 else "L5")


def variant(rng, text):
    """The same key as a spreadsheet may have spelt it: leading zeros dropped, case changed."""
    import re
    stripped = re.sub(r"\d+", lambda m: str(int(m.group(0))), text)
    choices = [t for t in (stripped, text.lower(), "00" + text if text[:1].isdigit() else None)
               if t and t != text]
    return rng.choice(choices) if choices else text


def rules(rng, zones, classes):
    def side():
        limits = {"qty": None, "value": None, "pct": None}
        for k in rng.sample(list(limits), rng.randint(0, 3)):
            limits[k] = {"qty": rng.choice([1, 2, 5, 10, 50]),
                         "value": rng.choice(["0.50", "5", "20.00", "50.00", "100"]),
                         "pct": rng.choice(["1", "2", "2.5", "10", "50"])}[k]
        return limits

    default = {"combine": rng.choice(["any", "all"]), "short": side(), "over": side()}
    if rng.random() < 0.3:
        default = {"combine": "any",
                   "short": {"qty": None, "value": "50.00", "pct": "2"},
                   "over": {"qty": None, "value": "50.00", "pct": "2"}}
    scoped, scopes = [], set()
    for _ in range(rng.randint(0, 3)):
        r = {}
        if rng.random() < 0.6:
            r["zone"] = rng.choice(zones)
        if rng.random() < 0.6 or "zone" not in r:
            r["class"] = rng.choice(classes)
        scope = (r.get("zone"), r.get("class"))
        if scope in scopes:
            continue
        scopes.add(scope)
        r["combine"] = rng.choice(["any", "all"])
        for s in ("short", "over"):
            if rng.random() < 0.75:
                r[s] = side()
        scoped.append(r)
    cases = {k: rng.random() < 0.8 for k in (
        "missing", "unexpected", "counted-zero", "negative-book", "unit-error",
        "lot-variance", "rejected-rows")}
    return {"default": default, "rules": scoped, "cases": cases}


def hocon(spec):
    def limits(l):
        return ", ".join(f"{k} = {'null' if v is None else v}" for k, v in l.items())

    def rule(r):
        parts = [f"{k} = \"{r[k]}\"" for k in ("zone", "class") if k in r]
        parts.append(f"combine = {r['combine']}")
        parts += [f"{s} {{ {limits(r[s])} }}" for s in ("short", "over") if s in r]
        return "{ " + ", ".join(parts) + " }"

    lines = ["dockcount.reconcile.recount {", "  default " + rule(spec["default"]),
             "  rules = [" + ", ".join(rule(r) for r in spec["rules"]) + "]"]
    lines += [f"  {k} = {'true' if v else 'false'}" for k, v in spec["cases"].items()]
    return "\n".join(lines + ["}", ""])


def write(path, header, rows, sep=","):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(sep.join(header) + "\n")
        for r in rows:
            f.write(sep.join(r) + "\n")


def comma(rng, text):
    """A number as a decimal-comma locale writes it: 2,5 and 1.234 (a dot only groups)."""
    t = text.strip()
    if re.fullmatch(r"-?\d+\.\d+", t):
        return t.replace(".", ",")
    if re.fullmatch(r"-?\d{4,}", t) and rng.random() < 0.5:
        sign, digits = ("-", t[1:]) if t.startswith("-") else ("", t)
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        return sign + ".".join([digits] + groups)
    return text


def make(rng, directory):
    case = Case(rng)
    chains = rng.random() < 0.25
    case.uom(chains)
    per_unit = rng.random() < 0.25
    case.items(per_unit)
    with_uom = rng.random() < 0.3
    pairs = case.book(with_uom)
    book_eaches = {}
    for sku, loc, qty, unit in case.book_rows:
        if unit == "" and qty.lstrip("-").isdigit():
            book_eaches[(sku, loc)] = book_eaches.get((sku, loc), 0) + int(qty)
    case.counts(pairs, book_eaches)
    os.makedirs(directory, exist_ok=True)
    # Now and then the files of a decimal-comma locale: semicolons, 2,5 and 1.234.
    dc = rng.random() < 0.15
    sep = ";" if dc else ","
    if dc:
        for table, col in ((case.uom_rows, 2), (case.item_rows, 1), (case.book_rows, 2),
                           (case.count_rows, 2)):
            for r in table:
                r[col] = comma(rng, r[col])
    write(os.path.join(directory, "uom.csv"), ["sku", "uom", "qty_per_uom"]
          + (["base_uom"] if chains else []),
          [r + [""] * (4 - len(r)) if chains else r for r in case.uom_rows], sep)
    write(os.path.join(directory, "items.csv"), ["sku", "unit_cost", "class"]
          + (["cost_uom"] if per_unit else []), case.item_rows, sep)
    counts_header = ["sku", "location", "count_qty", "count_uom"]
    book_header = ["sku", "location", "book_qty"] + (["book_uom"] if with_uom else [])
    book_rows = [r if with_uom else r[:3] for r in case.book_rows]
    if rng.random() < 0.3:
        add_lots(rng, case.skus, book_rows, case.count_rows)
        book_header.append("lot")
        counts_header.append("lot")
    mode = rng.random()
    if mode < 0.2:
        rows, counts_header = with_ids(rng, case.count_rows), counts_header + ["count_id",
                                                                              "station"]
    elif mode < 0.4:
        rows, counts_header = with_rounds(rng, case.count_rows), counts_header + ["round"]
    else:
        rows = case.count_rows
    if dc and mode < 0.4:
        for r in rows:  # ids and rounds as whole numbers only (1.0 is another question)
            r[-2 if mode < 0.2 else -1] = re.sub(r"\.0$", "", r[-2 if mode < 0.2 else -1])
    write(os.path.join(directory, "book.csv"), book_header, book_rows, sep)
    write(os.path.join(directory, "counts.csv"), counts_header, rows, sep)
    zones = sorted({loc.split("-")[0] for loc in case.locs})
    spec = rules(rng, zones, ["A", "B", "C"])
    with open(os.path.join(directory, "site.conf"), "w", encoding="utf-8") as f:
        f.write(hocon(spec))
    # The default rule's limits on the command line now and then, over the config's.
    options = ["--decimal-comma"] if dc else []
    spec["decimal_comma"] = dc
    for name, key in (("--qty", "qty"), ("--value", "value"), ("--pct", "pct")):
        if rng.random() < 0.15:
            v = {"qty": rng.choice([1, 3, 20]), "value": rng.choice(["1.50", "25"]),
                 "pct": rng.choice(["0.5", "5", "30"])}[key]
            options += [name, str(v)]
            for side in ("short", "over"):
                spec["default"][side][key] = v
    if rng.random() < 0.1:
        spec["default"]["combine"] = rng.choice(["any", "all"])
        options += ["--combine", spec["default"]["combine"]]
    with open(os.path.join(directory, "rules.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1)
    with open(os.path.join(directory, "options.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(options) + ("\n" if options else ""))


def binned(rng, directory, spec, features=()):
    """Writes a bin master (locations.csv) naming the case's locations, with a name listed for
    two locations, bins of another warehouse and names it lacks; returns how rows name them."""
    with open(os.path.join(directory, "book.csv"), encoding="utf-8") as f:
        sep = ";" if spec.get("decimal_comma") else ","
        locs = sorted({line.split(sep)[1] for line in list(f)[1:]})
    names = {loc: f"BIN{i:03d}" for i, loc in enumerate(locs)}
    rows = [[n, loc, "WH1"] for loc, n in names.items()]
    twice = rng.sample(locs, min(len(locs), 2))
    if len(twice) == 2:
        rows.append(["DUP1", twice[0], "WH1"])
        rows.append(["DUP1", twice[1], "WH1"])
    rows += [["OTHER1", "W2-01-01-A", "WH2"], ["BIN000", "W2-01-02-A", "WH2"]]
    rng.shuffle(rows)
    warehouse = rng.random() < 0.5
    lines = [",".join(r if warehouse else r[:2]) for r in rows]
    odd = ["DUP1", "OTHER1", "BIN999", "W2-01-01-A"]
    if "binrows" in features:
        odd += bad_bins(random.Random("binrows-" + os.path.basename(directory)), names, lines,
                        warehouse)
    with open(os.path.join(directory, "locations.csv"), "w", encoding="utf-8",
              errors="surrogateescape") as f:
        f.write("name,location" + (",warehouse" if warehouse else "") + "\n")
        for line in lines:
            f.write(line + "\n")
    options = ["--locations", os.path.join(os.path.abspath(directory), "locations.csv")]
    if warehouse:
        options += ["--warehouse", "WH1"]
    with open(os.path.join(directory, "options.txt"), "a", encoding="utf-8") as f:
        f.write("\n".join(options) + "\n")
    spec["bins"] = {"rows": rows, "warehouse": "WH1" if warehouse else None}
    return {"names": names, "odd": odd}


def bad_bins(rng, names, lines, warehouse):
    """Inserts bin master rows the README refuses or reads otherwise into lines; returns names
    they give, for book and count rows to use."""
    used = []
    for _ in range(rng.randint(1, 4)):
        loc = rng.choice(list(names))
        name = rng.choice([names[loc], f"BAD{rng.randint(1, 9)}"])
        kind = rng.choice(["again", "blank name", "blank location", "second", "short", "wide",
                           "quote", "utf8", "error"])
        r = [name, loc, "WH1"]
        if kind == "again":
            r = lines[rng.randrange(len(lines))].split(",") if lines else r
        elif kind == "blank name":
            r[0] = rng.choice(["", " "])
        elif kind == "blank location":
            r[1] = rng.choice(["", " "])
        elif kind == "second":
            r[1] = rng.choice([x for x in names if x != loc] or ["Z-99"])
        elif kind == "short":
            r = r[:1] if not warehouse or rng.random() < 0.5 else r[:2]
        elif kind == "wide":
            r = (r if warehouse else r[:2]) + [rng.choice(["", "x"])]
        elif kind == "quote":
            k = rng.randint(0, 1)
            r[k] = r[k] + '"'
        elif kind == "utf8":
            k = rng.randint(0, 1)
            r[k] = r[k] + rng.choice(["\udcff", "\udce9"])
        else:
            r[rng.randint(0, 1)] = rng.choice(["#N/A", "#REF!", "#WERT!"])
        if kind not in ("short", "wide", "again") and not warehouse:
            r = r[:2]
        lines.insert(rng.randint(0, len(lines)), ",".join(r))
        used.append(r[0])
    return [u for u in used if u.strip() and '"' not in u and u.isascii() and "#" not in u]


def unit_words(rng, name, header, rows, picked, units_header):
    """The counts' unit column headed Units (mapped by --columns: counts need one), or the
    items' cost unit headed Units when its first rows hold words (found without --columns),
    its each and case written as words."""
    field = {"counts.csv": "count_uom", "items.csv": "cost_uom"}.get(name)
    if field not in header or field in picked:
        return
    at = header.index(field)
    first = [v for v in (r[at].strip() for r in rows if at < len(r)) if v][:16]
    if name == "items.csv" and (not first or any(re.match(r"[-+]?\d", v) for v in first)):
        return  # a figure among its first 16 filled values: README reads a price unit there
    for r in rows:
        word = {"EA": "Each", "CS": "Case"}.get(unit_code(r[at])) if at < len(r) else None
        if word and rng.random() < 0.7:
            r[at] = word
    if name == "counts.csv":
        picked[field] = "Units"  # given by --columns, as a WMS's header is
    else:
        header[at] = "Units"
        units_header[name] = {field: "Units"}


MEMOS = ["Widget", "Bolt M8 zinc", "Pallet wrap"]


def memo_over_lines(rng, out, good, sep, eol, sep_line):
    """A memo column, last; some rows' memo quoted over two or three lines (no separator in
    them): a description's own line breaks are read, and the lines after keep their numbers."""
    if rng.random() >= 0.3:
        return
    head = 1 if sep_line else 0
    out[head] += sep + "memo"
    for i in good:
        if rng.random() < 0.3:
            text = eol.join(rng.sample(["Bolt M8", "zinc plated", "box of 2", ""],
                                       rng.randint(2, 3)))
            out[i] += sep + '"' + text + '"'
        else:
            out[i] += sep + rng.choice(MEMOS)
    for i in range(head + 1, len(out)):
        if i not in good and out[i].strip() != "":
            out[i] += sep + "Widget"  # a malformed row keeps its fault, on one line


BAD_FACTORS = ["", "x12", "1e3", "1E+3", "-6", "0", "$12", "12€", "twelve"]
BAD_COSTS = ["", "abc", "1e3", "2.5E+2", "-2.00", "$3.50", "€3.50", "3.50€",
             "USD 4"]


def faulty_masters(rng, name, header, rows, out, sep, decimal_comma, first):
    """Inserts UOM or item rows that are malformed or hold a factor or cost no number reads
    (lines in out, after the header, at `first`): of the case's SKUs and units, or new ones."""
    if rng.random() >= 0.5 or not rows:
        return
    for _ in range(rng.randint(1, 4)):
        r = list(rng.choice(rows))
        r = r + [""] * (len(header) - len(r))
        kind = rng.choice(["short", "wide", "quote", "utf8", "number", "number", "number"])
        if name == "uom.csv" and rng.random() < 0.5:
            r[1] = spelling(rng, rng.choice(list(SPELLINGS)))
        if name == "items.csv" and rng.random() < 0.3:
            r[0] = f"N{rng.randint(1, 999)}"  # an item only this row gives
        value = 2 if name == "uom.csv" else 1
        if kind == "short":
            r = r[:-1]
        elif kind == "wide":
            r = r + [rng.choice(["", "x", "7"])]
        elif kind == "quote":
            k = rng.choice([1, 2]) if name == "uom.csv" else rng.choice([1, 2][:len(header) - 1])
            r[k] = (r[k] or "5") + '"'
        elif kind == "utf8":
            k = rng.choice([1, 2]) if name == "uom.csv" else rng.choice([1, 2][:len(header) - 1])
            r[k] = (r[k] or "1") + rng.choice(["\udcff", "\udce9", "\udcc3"])
        else:
            text = rng.choice(BAD_FACTORS if name == "uom.csv" else BAD_COSTS)
            r[value] = text.replace(".", ",") if decimal_comma else text
        out.insert(rng.randint(first, len(out)), sep.join(r))


LOT_FAULTS = ["short", "wide", "quote", "utf8", "blank", "words", "sci"]


def lot_rows(rng, header, rows, bad):
    """Inserts book rows the README refuses into a book with lots (a lot column, by any
    name): of the wrong width, a stray quote or bytes not UTF-8 in the quantity or lot (ids
    added to bad), or a quantity blank, in words or in scientific notation (rows of the
    file's shape)."""
    if not rows or rng.random() >= 0.6:
        return
    lot_at = header.index("lot") if "lot" in header else header.index("Batch No")
    whole = [r for r in rows if len(r) == len(header)]  # none this made faulty
    for _ in range(rng.randint(1, 4) if whole else 0):
        r = list(rng.choice(whole))
        kind = rng.choice(LOT_FAULTS)
        k = rng.choice([2, lot_at])
        if kind == "short":
            r = r[:-1]
        elif kind == "wide":
            r = r + [rng.choice(["", "x", "7"])]
        elif kind == "quote":
            r[k] = (r[k] or "5") + '"'
        elif kind == "utf8":
            r[k] = (r[k] or "1") + rng.choice(["\udcff", "\udce9", "\udcc3"])
        elif kind == "blank":
            r[2] = rng.choice(["", " "])
        elif kind == "words":
            r[2] = rng.choice(["x12", "twelve", "n/a", "12 EA", "#N/A"])
        else:
            r[2] = rng.choice(["1e3", "1E+3", "2.5E2", "-4e1", "1.2e1"])
        rows.insert(rng.randint(0, len(rows)), r)
        if kind in ("short", "wide", "quote", "utf8"):
            bad.add(id(r))


UNITS_BELOW = ["CS", "Case", "EA", "each", "PC", "BX", "Box", "PLT", "Pallet", "CTN", "Carton",
               "CTN24"]
# Spellings of no value, other words, and (naming no unit first, what may name one below)
# a pack or can size written without a letter.
NO_UNIT = ["n/a", "TBD", "see note", "-", "#N/A", "n.a.", "12/1", "#12"]


def units_below(rng, name, header, rows):
    """Adds a column headed Units beside the book's quantity or the item's cost (a file with
    no unit column): 16 filled rows first, of figures (a quantity of units), now and then with
    words naming no unit or only such words, or one unit among them (then it is the unit
    column); below them, as every row of the case, units, figures, blanks and other words."""
    field = {"book.csv": "book_uom", "items.csv": "cost_uom"}.get(name)
    if field is None or field in header or any(h.lower() == "units" for h in header) \
            or not rows or rng.random() >= 0.35:
        return
    mode = rng.choice(["figures", "figures", "figures", "stray", "words", "unit"])
    at = rng.choice([3, len(header)]) if name == "book.csv" else len(header)
    header.insert(at, rng.choice(["Units", "units", "UNITS"]))

    def figure():
        return rng.choice(["1", "6", "12", "24", "0", "2.5", "48", "12 EA"
                           if name == "book.csv" else "10"])

    top = []
    for i in range(16):
        if name == "book.csv":
            r = list(rng.choice(rows))
        else:  # an item only these rows give: the case's own items come below
            r = [f"N{i + 1}", rng.choice(["1.00", "2.50", ""]), rng.choice(["A", ""])]
            r += [""] * (len(header) - 1 - len(r))
        if mode == "words":
            v = rng.choice(NO_UNIT)
        elif mode == "stray" and rng.random() < 0.2:
            v = rng.choice(NO_UNIT)
        else:
            v = figure()
        top.append(r[:at] + [v] + r[at:])
        if rng.random() < 0.1:
            top.append(r[:at] + [""] + r[at:])  # a blank: skipped, however many
    if mode == "unit":
        top[rng.randrange(len(top))][at] = rng.choice(UNITS_BELOW)
    for r in rows:
        pick = rng.random()
        v = rng.choice(UNITS_BELOW) if pick < 0.3 else figure() if pick < 0.75 else "" \
            if pick < 0.9 else rng.choice(NO_UNIT)
        r.insert(at, v)
    rows[:0] = top


FOUND_HEADERS = {"book.csv": ["UoM", "Unit", "Stock UOM", "Base Unit", "UOM", "book_uom"],
                 "items.csv": ["UOM", "Stock UOM", "Unit", "UoM"],
                 "uom.csv": ["Base UOM", "Base Unit", "To UOM", "base_uom", "Per Unit"]}


def figures_below(rng, name, header, rows):
    """Adds a unit column found by its header (UoM, Stock UOM, Base Unit...) to a book, item
    master or UOM table that has none: its first rows plain whole numbers (a quantity
    misnamed), now and then with a blank, spaces, a decimal or a unit among them, or all blank;
    below them, as every row of the case, units, figures, blanks and other words."""
    if name not in FOUND_HEADERS or not rows or rng.random() >= 0.3 or any(
            h in ("book_uom", "cost_uom", "base_uom") or h.strip().lower() == "units"
            for h in header):
        return
    mode = rng.choice(["figures", "figures", "figures", "spaces", "decimal", "unit", "blank"])
    at = len(header) if name != "book.csv" else rng.choice([3, len(header)])
    header.insert(at, rng.choice(FOUND_HEADERS[name]))
    top = []
    for i in range(rng.choice([16, 16, 18, 24])):
        if name == "book.csv":
            r = list(rng.choice(rows))
        elif name == "items.csv":  # an item only these rows give: the case's come below
            r = [f"F{i + 1}", rng.choice(["1.00", "2.50", ""]), rng.choice(["A", ""])]
            r += [""] * (len(header) - 1 - len(r))
        else:
            r = [f"F{i + 1}", rng.choice(["CS", "BX"]), rng.choice(["6", "12"])]
            r += [""] * (len(header) - 1 - len(r))
        v = "" if mode == "blank" else rng.choice(["1", "7", "12", "0", "24", "100"])
        if rng.random() < 0.1:
            v = ""
        top.append(r[:at] + [v] + r[at:])
    if mode in ("spaces", "decimal", "unit"):
        top[rng.randrange(16)][at] = {"spaces": " ", "decimal": "2.5"}.get(
            mode, rng.choice(UNITS_BELOW))
    for r in rows:
        pick = rng.random()
        v = rng.choice(UNITS_BELOW) if pick < 0.3 else rng.choice(["1", "12", "0", "7"]) \
            if pick < 0.75 else "" if pick < 0.9 else rng.choice(NO_UNIT)
        r.insert(at, v)
    rows[:0] = top


def dress(rng, directory, features):
    """Writes the case's files again in other shapes the README reads alike."""
    spec_path = os.path.join(directory, "rules.json")
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    old_sep = ";" if spec.get("decimal_comma") else ","
    shapes = {}
    renames = {}  # file -> {column: header as a WMS names it}, given by --columns
    units_header = {}  # file -> {column: header}, found by the command without --columns
    wms_headers = {} if "columns" not in features or rng.random() >= 0.3 else {
        "book.csv": {"sku": "Product code", "location": "Storage Bin",
                     "book_qty": "Physical QOH", "lot": "Batch No"},
        "counts.csv": {"sku": "Item #", "location": "Bin Code", "count_qty": "Qty Counted",
                       "count_uom": "Pack"},
        "items.csv": {"unit_cost": "Std Cost", "class": "ABC"}}
    bins = binned(rng, directory, spec, features) if "locations" in features \
        and rng.random() < 0.3 else None
    site_code = "units" in features and rng.random() < 0.3
    for name in ("uom.csv", "items.csv", "book.csv", "counts.csv"):
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8", newline="") as f:
            header, *rows = [line.rstrip("\n").split(old_sep) for line in f]
        if site_code:
            # A site's own code for its carton, named in the UOM table and used everywhere.
            for at in [i for i, h in enumerate(header) if h.endswith("uom")]:
                for r in rows:
                    if at < len(r) and unit_code(r[at]) == "CT":
                        r[at] = "CTN24"
        if bins and name in ("book.csv", "counts.csv"):
            for r in rows:  # most locations by their bin's name, some unknown or ambiguous
                pick = rng.random()
                r[1] = bins["names"].get(r[1], r[1]) if pick < 0.7 else r[1] \
                    if pick < 0.9 else rng.choice(bins["odd"])
        picked = {k: v for k, v in wms_headers.get(name, {}).items()
                  if k in header and rng.random() < 0.6}
        own = random.Random(f"{name}-" + os.path.basename(directory))
        if "errlots" in features and "lot" in header and own.random() < 0.4:
            at = header.index("lot")
            for r in rows:  # a lookup that found no lot: a spreadsheet's error value
                if at < len(r) and own.random() < 0.15:
                    r[at] = own.choice(["#N/A", "#REF!", "#n/a", "#WERT!", " #N/A "])
        if "unitcols" in features and own.random() < 0.3:
            unit_words(own, name, header, rows, picked, units_header)
        if "units" in features and name == "book.csv" and "book_uom" in header \
                and "book_uom" not in picked and rng.random() < 0.5:
            at = header.index("book_uom")
            if any(re.search("[A-Za-z]", r[at]) for r in rows[:5]):
                # NetSuite's Units column beside the quantity: words, found without --columns.
                header[at] = "Units"
                for r in rows:
                    word = {"EA": "Each", "CS": "Case"}.get(unit_code(r[at]))
                    if word and rng.random() < 0.7:
                        r[at] = word
                units_header[name] = {"book_uom": "Units"}
        if picked:
            renames[name] = picked
        header = [picked.get(h, h) for h in header]
        if "unitsbelow" in features:
            units_below(random.Random("unitsbelow-" + os.path.basename(directory)), name,
                        header, rows)
        if "figuresbelow" in features:
            figures_below(random.Random("figuresbelow-" + os.path.basename(directory)), name,
                          header, rows)
        bad = set()
        if "malformed" in features and not bins and rows and (
                name == "counts.csv" and (len(header) == 4 and "lot" not in header
                                          or len(header) == 5 and header[4] == "lot")
                or name == "book.csv" and not {"lot", "Batch No"} & set(header)
                and rng.random() < 0.5):
            whole = list(rows)
            for _ in range(rng.randint(0, 3)):
                r = list(rng.choice(whole))
                kind = rng.choice(["short", "wide", "quote", "utf8", "utf8", "quote"])
                if kind == "short":
                    r = r[:-1]
                elif kind == "wide":
                    r = r + [rng.choice(["", "x", "7"])]
                elif kind == "quote":
                    k = rng.choice([2, 3][:len(header) - 2])
                    r[k] = (r[k] or "5") + '"'
                else:
                    k = rng.choice([2, 3][:len(header) - 2])
                    r[k] = (r[k] or "1") + rng.choice(["\udcff", "\udce9", "\udcc3"])
                at = rng.randint(0, len(rows))
                rows.insert(at, r)
                bad.add(id(r))
        if "lotrows" in features and name == "book.csv" and not bins \
                and {"lot", "Batch No"} & set(header):
            lot_rows(random.Random("lotrows-" + os.path.basename(directory)), header, rows, bad)
        shape = {"sep": old_sep, "bom": False, "crlf": False, "sep_line": False}
        if "formats" in features:
            if old_sep == "," and rng.random() < 0.4:
                shape["sep"] = rng.choice([";", "\t"])
            shape["bom"] = rng.random() < 0.2
            shape["crlf"] = rng.random() < 0.25
            shape["sep_line"] = rng.random() < 0.15
            quoting = rng.random() < 0.3
            blanks = rng.random() < 0.15
            if name in ("book.csv", "counts.csv") and rng.random() < 0.2:
                header = header + ["description"]
                for r in rows:
                    r.append('"' + rng.choice(['Bolt, M8 ""zinc""', 'PIPE 3/4"" PVC',
                                               'box, ""small"", blue', 'Widget']) + '"')
        else:
            quoting = blanks = False
        sep, eol = shape["sep"], "\r\n" if shape["crlf"] else "\n"

        def cell(v, r):
            if quoting and id(r) not in bad and '"' not in v and rng.random() < 0.3:
                return '"' + v + '"'
            return v

        out, good = [], []  # good: the lines of rows that no feature made faulty
        if shape["sep_line"]:
            out.append("sep=" + sep)
        out.append(sep.join(cell(h, None) for h in header))
        for r in rows:
            if blanks and rng.random() < 0.1:
                out.append(rng.choice(["", " "]) if sep != "\t" else "")
            out.append(sep.join(cell(v, r) for v in r))
            if id(r) not in bad:
                good.append(len(out) - 1)
        if "multiline" in features and name in ("book.csv", "counts.csv"):
            memo_over_lines(random.Random("multiline-" + os.path.basename(directory)), out,
                            good, sep, eol, shape["sep_line"])
        if "masters" in features and name in ("uom.csv", "items.csv"):
            faulty_masters(random.Random("masters-" + os.path.basename(directory)), name,
                           header, rows, out, sep, spec.get("decimal_comma"),
                           1 + shape["sep_line"])
        data = (eol.join(out) + eol).encode("utf-8", errors="surrogateescape")
        if shape["bom"]:
            data = b"\xef\xbb\xbf" + data
        with open(path, "wb") as f:
            f.write(data)
        shapes[name] = shape
    spec["shapes"] = shapes
    spec["columns"] = {name: {**renames.get(name, {}), **units_header.get(name, {})}
                       for name in sorted(set(renames) | set(units_header))}
    options = []
    for name, picked in sorted(renames.items()):
        for k, v in sorted(picked.items()):
            options += ["--columns", f"{name[:-4]}.{k}={v}"]
    if options:
        with open(os.path.join(directory, "options.txt"), "a", encoding="utf-8") as f:
            f.write("\n".join(options) + "\n")
    with open(spec_path, "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--cases", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--features", default="formats,malformed,columns,locations,units,"
                   "masters,binrows,multiline,unitcols,errlots,lotrows,unitsbelow,figuresbelow")
    a = p.parse_args()
    features = {f for f in a.features.split(",") if f}
    for i in range(a.cases):
        rng = random.Random(a.seed * 1_000_003 + i)
        directory = os.path.join(a.out, f"case-{a.seed:05d}-{i:04d}")
        make(rng, directory)
        if features:
            dress(random.Random(f"dress-{a.seed}-{i}"), directory, features)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""An independent reference of `dockcount reconcile`'s rules, and a comparison with its reports.

Written from README.md's contract (not from the Java) for the inputs workload.py generates:
UTF-8 files separated by commas, semicolons or tabs (a BOM, CRLF, a sep= line, quoted fields,
empty and space-only lines), rows too short or too wide, stray quotes and bytes not UTF-8,
default headers or a WMS's through --columns (book may add book_uom, or Units of words, and
lot, counts lot, count_id and station, or round; items class), a bin master or none, the
default location scheme, and a rules file (rules.json) that mirrors the case's site.conf and
options; also malformed UOM and item rows and factors or costs no number reads, a bin master's
own faulty rows (read from its file), quoted text over several lines, Units columns and lots
that are spreadsheet error values, and unit columns found by their header (UoM, Stock UOM,
Base Unit) whose first rows hold plain numbers. Where
the README was silent, the golden files' README and the tests settled it (said where).
Standard library only; money and percentages are exact (Fraction/Decimal).

Usage: reconcile_reference.py CASE_DIR...   each holding the inputs, rules.json and the
       command's reports in out/; prints every disagreement and exits 1 when there is one.
"""
import csv
import json
import os
import re
import sys
import unicodedata
from decimal import Decimal
from fractions import Fraction

ALIASES = {
    "EA": ["EA", "EACH", "EACHES", "PC", "PCS", "PIECE", "PIECES", "UNIT", "UNITS", "ST",
           "STK", "PCE", "UN", "UND"],
    "CS": ["CS", "CASE", "CASES", "CA", "XCS"],
    "PL": ["PL", "PALLET", "PLT", "PAL", "XPX"],
    "IP": ["IP", "INNER"],
    "CT": ["CT", "CARTON", "CTN", "CTNS", "XCT", "KAR", "KARTON", "CAR"],
    "BX": ["BX", "BOX", "XBX"],
}
CODE = {alias: code for code, names in ALIASES.items() for alias in names}
# The forms of one word of each: a UOM row giving one of them a factor other than 1 disputes
# every spelling of that word for its SKU (EA itself stays one each).
EACH_WORDS = [
    {"PC", "PCS", "PIECE", "PIECES", "PCE"},
    {"UNIT", "UNITS"},
    {"EACH", "EACHES"},
    {"ST", "STK"},
    {"UN", "UND"},
]
NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
MAX_EACHES = 10 ** 12


def squeeze(unit):
    return re.sub(r"\s+", "", unit).upper()


def unit_code(unit):
    """The canonical code of a unit as typed: aliases folded, case and spaces ignored."""
    u = squeeze(unit)
    return CODE.get(u, u)


def each_word(unit):
    u = squeeze(unit)
    for word in EACH_WORDS:
        if u in word:
            return frozenset(word)
    return None


# Set per case (--decimal-comma): then a comma is the decimal point and a dot only groups
# thousands (1.234,5), and the files are separated by semicolons.
DECIMAL_COMMA = False
NUMBER_COMMA = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def number(text):
    """A plain decimal (at most 9 decimals, zeros past them aside), or None."""
    t = text.strip()
    if DECIMAL_COMMA:
        if not NUMBER_COMMA.match(t):
            return None
        t = t.replace(".", "").replace(",", ".")
    if not NUMBER.match(t) or AMBIGUOUS_DOT and AMBIGUOUS.match(t):
        return None
    d = Decimal(t)
    if "." in t and len(t.split(".")[1].rstrip("0")) > 9:
        return None
    return d


def money(value):
    """At least two decimals, no zeros past them."""
    if value is None:
        return ""
    d = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(
        value, Fraction) else Decimal(value)
    if d == 0:
        return "0.00"
    n = d.normalize()
    if n.as_tuple().exponent > -2:
        n = n.quantize(Decimal("0.01"))
    return format(n, "f")


def cut2(fr):
    """A Fraction cut toward zero to two decimals, as text."""
    hundredths = int(fr * 100)  # int() truncates toward zero
    sign = "-" if hundredths < 0 or (hundredths == 0 and fr < 0) else ""
    h = abs(hundredths)
    return f"{sign}{h // 100}.{h % 100:02d}"


def floor2(fr):
    hundredths = (fr * 100).__floor__()
    sign = "-" if hundredths < 0 else ""
    h = abs(hundredths)
    return f"{sign}{h // 100}.{h % 100:02d}"


class Row(list):
    """The fields of one data row, with its line in the file and, when it is malformed, how:
    bad is None, or (field index or None for the whole row, what is wrong)."""
    line = 0
    bad = None
    unresolved = None  # with a bin master: the locations a name it cannot resolve may be


# Set per case (--locations): bin name or location code -> the distinct locations it names.
BINS = None


ERROR_VALUES = {"#N/A", "#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#WERT!",
                "#NV", "#BEZUG!"}


def error_value(text):
    """A spreadsheet's error value (a formula that failed): never a key."""
    return text.strip().upper() in ERROR_VALUES


# A figure as a quantity column holds one (12, 1,200.5, or 12 EA), not a word (README, Units).
FIGURE = re.compile(r"[-+]?[0-9][0-9.,' ]*( \S.*)?")


def is_figure(text):
    return FIGURE.fullmatch(text.strip()) is not None


def header_words(h):
    """A header's words: camelCase apart, lower case, runs of spaces, _ and - one space."""
    h = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", h)
    return re.sub(r"[\s_-]+", " ", h.strip().lower())


def is_unit(text, site_units):
    """A unit dockcount knows, or a code the UOM table names; never a blank or a figure."""
    return text.strip() != "" and not is_figure(text) and (
        squeeze(text) in CODE or unit_code(text) in site_units)


# Spellings of no value, which name no unit below a column read as none (README, Units).
NO_VALUE = {"N/A", "NA", "NONE", "NULL", "NIL"}

# The words naming no unit that the first values of each column read as none held, by
# column, for the file being read: the same word below is read as they were.
HELD = {}


def hidden_unit(text, held=(), disputed=None):
    """README: below a column read as no unit column, a row holding what may name a unit
    (any text but a figure or a dash: a letter, 12/1, #12) is refused; a spelling of no value
    (n/a, #N/A) and a word the first rows held aside, and a spelling of each (read in eaches
    all the same) unless the SKU's UOM table gives that word another factor (`disputed`, its
    words; None in the UOM table itself, where every spelling of each but EA refuses)."""
    if all(unicodedata.category(ch) in ("Nd", "Pd") or ch.isspace() or ch in ".,'+"
           for ch in text):
        return False
    s = squeeze(text)
    s = s[:-1] if s.endswith(".") else s
    if unit_code(s) == "EA":
        return s != "EA" and (disputed is None or each_word(s) in disputed)
    bare = "".join(ch for ch in s if ch.isalnum())
    return bare not in NO_VALUE and s not in held


def units_column(header, rows, taken, site_units):
    """README: a column headed Units (none of `taken`) is the unit column when its first 16
    filled values (blank ones skipped, however far down) hold a unit word, known or the UOM
    table's; figures only, or words naming no unit (beside figures or not), leave it unread.
    Returns (the unit column or None, [the columns left unread])."""
    found, unread = None, []
    for i, h in enumerate(header):
        if i in taken or header_words(h) != "units":
            continue
        values = [r[i].strip() for r in rows if not (r.bad and r.bad[1] == "empty row")
                  and i < len(r) and r[i].strip() != ""][:16]
        words = [v for v in values if not is_figure(v)]
        if not words:
            if values:
                unread.append(i)
            continue
        if any(is_unit(v, site_units) for v in words):
            found = i
        else:
            unread.append(i)
            HELD[i] = {squeeze(v) for v in words}
    return found, unread


# Headers that name a file's unit column, found without --columns (README: the book's unit
# column, the item's unit its cost is per, the UOM table's base unit): those the workloads
# write, not every one the README lists.
FOUND_UNIT_HEADERS = {
    "book.csv": {"book_uom", "UoM", "Unit", "Stock UOM", "Base Unit", "UOM"},
    "items.csv": {"UOM", "Stock UOM", "Unit", "UoM"},
    "uom.csv": {"base_uom", "Base UOM", "Base Unit", "To UOM", "Per Unit"},
}


def found_unit_column(file, header):
    """The file's unit column found by its header as written, or None."""
    for i, h in enumerate(AS_WRITTEN[file]):
        if h.strip() in FOUND_UNIT_HEADERS[file]:
            return i
    return None


def figures_only(file, rows, c):
    """README: a unit column found by its header (not mapped by hand, nor a cost's own unit,
    cost_uom) whose first 16 rows hold only plain whole numbers, blanks aside, is read as
    none; a row further down holding a unit there is rejected naming the column."""
    if AS_WRITTEN[file][c].strip() not in FOUND_UNIT_HEADERS[file]:
        return False
    values = [(r[c] if c < len(r) else "").strip() for r in rows[:16]]
    values = [v for v in values if v != ""]
    return bool(values) and all(re.fullmatch(r"[0-9]+", v) for v in values)


# Set per case (--columns): file -> {column: the header the case's file gives it}.
COLUMNS = {}

# COLUMNS the other way: file -> {header as the file gives it: column}.
COLUMN_OF = {}


def heading(path):
    """The header row of an input file, as written."""
    with open(path, "rb") as f:
        raw = f.read().decode("utf-8", errors="surrogateescape").lstrip("\ufeff")
    lines = [t for t in raw.replace("\r", "").split("\n") if t != ""]
    first = lines[0]
    if first.lower().startswith("sep=") and len(first) == 5:
        return next(csv.reader([lines[1]], delimiter=first[4]))
    return next(csv.reader([first], delimiter=max(",;\t", key=first.count)))


# The header of each input file as written (before --columns maps it).
AS_WRITTEN = {}

# Set per input file as it is read: a semicolon-separated file without --decimal-comma
# refuses 1.000 (one thousand, or one?).
AMBIGUOUS_DOT = False
AMBIGUOUS = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")


# Text columns the run does not read: a quote or line break in them is their own.
TEXT_COLUMNS = ("description", "memo")


def records(lines, sep):
    """The physical lines joined into records: a quoted field (one that opens with a quote)
    runs on over line breaks until its closing quote; the record keeps its first line's
    number."""
    out, i = [], 0
    while i < len(lines):
        n, t = lines[i]
        while quote_left_open(t, sep) and i + 1 < len(lines):
            i += 1
            t = t + b"\n" + lines[i][1]
        out.append((n, t))
        i += 1
    return out


def quote_left_open(t, sep):
    quoted, start, k = False, True, 0
    while k < len(t):
        c = t[k:k + 1]
        if quoted:
            if c == b'"':
                if t[k + 1:k + 2] == b'"':
                    k += 1
                else:
                    quoted = False
        elif c == sep:
            start = True
        elif c == b'"' and start:
            quoted = True
            start = False
        else:
            start = False
        k += 1
    return quoted


def read(path, unread=()):
    """Header and rows of a CSV as the README reads it: a byte order mark aside, a first line
    sep=X naming the separator (else the header's most frequent of , ; tab), LF or CRLF,
    blank lines skipped with the line numbers kept, and a malformed row (width other than the
    header's, a quote inside an unquoted field, bytes that are not UTF-8) marked, not read.
    The columns at `unread` are not read, as a description is not (a Units column judged no
    unit column)."""
    global AMBIGUOUS_DOT
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    physical = raw.split(b"\n")
    if physical and physical[-1] == b"":
        physical.pop()
    lines = [(n + 1, t[:-1] if t.endswith(b"\r") else t) for n, t in enumerate(physical)]
    sep = None
    if lines and lines[0][1].lower().startswith(b"sep=") and len(lines[0][1]) == 5:
        sep = lines[0][1][4:].decode()
        lines = lines[1:]
    head = next(t for _, t in lines if t != b"").decode("utf-8")
    if sep is None:
        sep = "," if "/out/" in path else max(",;\t", key=head.count)
    lines = [(n, t) for n, t in records(lines, sep.encode()) if t != b""]
    AMBIGUOUS_DOT = sep == ";" and not DECIMAL_COMMA
    header = next(csv.reader([head], delimiter=sep))
    mapped = {v: k for k, v in COLUMNS.get(os.path.basename(path), {}).items()}
    if "/out/" not in path:
        # A WMS's headers, mapped by --columns; exceptions.csv names the field as the file does.
        AS_WRITTEN[os.path.basename(path)] = header
        header = [mapped.get(h, h) for h in header]
    rows = []
    for n, t in lines[1:]:
        text = t.decode("utf-8", errors="surrogateescape")
        r = Row(next(csv.reader([text], delimiter=sep)))
        r.line = n
        if text.strip(" ") == "":
            r.bad = (None, "empty row")  # spaces only: refused, never a row
            rows.append(r)
            continue
        # A quote or bytes not UTF-8 in a field the run reads are named before the row's
        # width is looked at (README: a row with more or fewer fields has no field to blame).
        for k, v in enumerate(r[:len(header)]):
            if header[k] in TEXT_COLUMNS or k in unread:
                continue
            if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in v):
                r.bad = (k, "not UTF-8")
                break
            if '"' in v:
                r.bad = (k, "stray quote")
                break
        if r.bad is None and len(r) < len(header) and all(
                h in TEXT_COLUMNS or k in unread for k, h in enumerate(header)
                if k >= len(r)):
            r.extend([""] * (len(header) - len(r)))  # ends before columns not read: a row
        if r.bad is None and len(r) != len(header):
            r.bad = (None, "width")
        if BINS is not None and r.bad is None and os.path.basename(path) in (
                "book.csv", "counts.csv"):
            codes = BINS.get(r[1].strip(), [])
            if len(codes) == 1:
                r[1] = codes[0]
            else:
                r.unresolved = codes  # rejected; its line stays under the name as written
        rows.append(r)
    return header, rows


class Inputs:
    """The master data and rows of one case, with every rejection as (file, line)."""

    def __init__(self, case):
        self.case = case
        self.rejected = []  # (file, line, reason)
        self.conflict = set()  # SKUs flagged master_data_conflict
        self.rows = {}
        self.fields = {}  # (file, line) -> the field named, for malformed rows
        self.ambiguous_book = []  # (sku, location, lot) a book row's bin name may be
        self.book_if_exists = []  # keys a malformed book row may be: book unknown, never made
        self.flag_if_exists = []  # keys a malformed count row may be: flagged, never made
        self.counts, self.count_lots = {}, {}
        spec = json.load(open(os.path.join(case, "rules.json")))
        if spec.get("bins") is not None:
            self.load_bins(spec["bins"]["warehouse"])
        # Lots are read (and a lot that is no key refused) only when both files have them.
        self.by_lot = all("lot" in [COLUMN_OF.get(file, {}).get(h, h) for h in heading(
            os.path.join(case, file))] for file in ("book.csv", "counts.csv"))
        self.load_uom()
        self.load_items()
        self.load_book()
        self.load_counts()
        self.unknown_where_counted()

    def malformed(self, file, header, r):
        """A row the README refuses for its shape: width, a stray quote, bytes not UTF-8.
        Only counts and book get such rows from workload.py; the others are just listed."""
        k, why = r.bad
        self.reject(file, r.line, why)
        self.fields[(file, r.line)] = "" if k is None else AS_WRITTEN[file][k]
        if file not in ("counts.csv", "book.csv") or why == "empty row":
            return
        if k is None:
            # Which fields a separator too many or too few shifted is not known: each line
            # the SKU and location may be that exists is flagged, none is made.
            sep_joined = [(r[0], r[1])]
            if len(r) > 2:
                sep_joined += [(r[0] + "," + r[1], r[2]), (r[0], r[1] + "," + r[2])]
            (self.flag_if_exists if file == "counts.csv" else self.book_if_exists).extend(
                sep_joined)
            return
        key = (r[0], r[1])
        if file == "book.csv":
            self.book.setdefault(key, [0, 0, 0])[2] += 1  # its book is unknown
            if self.by_lot:
                # Its lot is not read (the fault may be in it): its stock may be any lot's
                # there, so each lot line's book is unknown; it makes none of its own.
                self.lot_unknown.add(key)
            self.no_lot_skus.add(r[0])
            return
        c = self.counts.setdefault(key, {"sum": 0, "rows": 0, "rejected": 0, "keyed": {}})
        c["rejected"] += 1
        if "lot" not in header:
            self.count_lots.setdefault(key + ("",), {"sum": 0, "rows": 0, "rejected": 0,
                                                     "keyed": {}})["rejected"] += 1
        # With lots, such a row flags its line only: its lot may be what the fault cut.

    def load_bins(self, warehouse):
        """The bin master: name or location code -> the distinct locations it names. A row of
        another width, or whose name or location is blank, an error value, holds a quote or
        bytes not UTF-8, is rejected naming that field; with --warehouse, another's bins are
        left out."""
        global BINS
        header, rows = read(os.path.join(self.case, "locations.csv"))
        self.rows["locations.csv"] = len(rows)
        names = {}
        for r in rows:
            fault = None
            # A row of another width is refused as in any file (the warehouse column is read
            # only with --warehouse); then a field's fault, name first.
            if r.bad is not None and r.bad[1] == "empty row" or len(r) > len(header) \
                    or len(r) < (3 if warehouse is not None else 2):
                fault = (None, "width")
            for k, what in ((0, "name"), (1, "location")):
                if fault:
                    break
                v = r[k] if k < len(r) else ""
                if v.strip() == "":
                    fault = (k, "blank " + what)
                elif error_value(v):
                    fault = (k, "error value")
                elif '"' in v or any(0xDC80 <= ord(ch) <= 0xDCFF for ch in v):
                    fault = (k, "quote or not UTF-8")
            if fault is not None:
                self.reject("locations.csv", r.line, fault[1])
                self.fields[("locations.csv", r.line)] = "" if fault[0] is None \
                    else header[fault[0]]
                continue
            if warehouse is not None and r[2].strip() != warehouse:
                continue
            name, code = r[0].strip(), r[1].strip()
            for key in (name, code):
                if code not in names.setdefault(key, []):
                    names[key].append(code)
        BINS = names

    def reject(self, file, line, reason):
        self.rejected.append((file, line, reason))

    def load_uom(self):
        header, rows = read(os.path.join(self.case, "uom.csv"))
        self.rows["uom.csv"] = len(rows)
        seen = {}  # (sku, code) -> factor first given, or "disputed"
        self.disputed_words = {}  # sku -> set of frozenset word forms
        # The codes its rows name, read or refused: a Units column of a site's code is a unit.
        self.site_units = {unit_code(r[1]) for r in rows if not (
            r.bad and r.bad[1] == "empty row") and len(r) > 1 and r[1].strip() != ""}
        base_col = header.index("base_uom") if "base_uom" in header \
            else found_unit_column("uom.csv", header)
        unread = []
        HELD.clear()
        if base_col is not None and figures_only("uom.csv", rows, base_col):
            unread, base_col = [base_col], None
            header, rows = read(os.path.join(self.case, "uom.csv"), unread)
        chained = []  # (line, sku, code, factor, base code): a factor in another unit
        for r in rows:
            if r.bad:
                self.malformed("uom.csv", header, r)
                continue
            line = r.line
            sku, unit, qty = r[0], r[1], r[2]
            f = number(qty)
            if f is None or f != f.to_integral_value() or f <= 0:
                self.reject("uom.csv", line, "factor")
                self.fields[("uom.csv", line)] = AS_WRITTEN["uom.csv"][2]
                continue
            below = [k for k in unread
                     if k < len(r) and hidden_unit(r[k], HELD.get(k, ()))]
            if below:
                # A unit below the figures that made the base unit column none: the factor
                # may count it, never read as eaches.
                self.reject("uom.csv", line, "unit below figures")
                self.fields[("uom.csv", line)] = AS_WRITTEN["uom.csv"][below[0]].strip()
                continue
            f = int(f)
            code = unit_code(unit)
            base = unit_code(r[base_col]) if base_col is not None and r[base_col].strip() \
                else "EA"
            if base != "EA" and code != "EA" and base != code:
                # (a row naming its own unit, CS,12,CS, is read in eaches, as the command and
                # the service do: README says so)
                chained.append((line, sku, code, f, base))
                continue
            if code == "EA" and f != 1:
                self.reject("uom.csv", line, "each given another factor")
                self.conflict.add(sku)
                word = each_word(unit)
                if word is not None:
                    self.disputed_words.setdefault(sku, set()).add(word)
                continue
            key = (sku, code)
            if key in seen:
                if seen[key] != f:
                    self.conflict.add(sku)
                    seen[key] = "disputed"
                    self.reject("uom.csv", line, "second factor")
                elif seen[key] == "disputed":
                    self.reject("uom.csv", line, "already disputed")
                continue
            seen[key] = f
        if base_col is not None:
            self.disputed_each_base(seen, rows, base_col)
        self.resolve_chains(seen, chained)
        self.recheck_chains(seen, chained)
        self.outer_below_inner(seen, rows)
        self.recheck_chains(seen, chained)
        self.factors = {}
        for (sku, code), f in seen.items():
            if f != "disputed":
                self.factors.setdefault(sku, {})[code] = f
            else:
                self.factors.setdefault(sku, {})[code] = None

    def disputed_each_base(self, seen, rows, base_col):
        """README: a factor counted in a spelling of each (CS,12,PC) that the table gives the
        SKU another factor (PC,10) has none: its row is rejected and the SKU's lines flagged.
        (Settled against the command: only a unit that has a factor by then loses it.)"""
        withdrawn = set()
        for r in rows:
            if r.bad and r.bad[1] == "empty row" or base_col >= len(r) \
                    or r[base_col].strip() == "":
                continue
            base, code = r[base_col], unit_code(r[1])
            word = each_word(base)
            if squeeze(base) == "EA" or unit_code(base) != "EA" or code == "EA" \
                    or word is None or word not in self.disputed_words.get(r[0], ()):
                continue
            key = (r[0], code)
            if not isinstance(seen.get(key), int) and key not in withdrawn:
                continue
            self.reject("uom.csv", r.line, "base is a spelling of each given another factor")
            seen[key] = "disputed"
            self.conflict.add(r[0])
            withdrawn.add(key)

    def resolve_chains(self, seen, chained):
        """PL,40,CS is 40 times CS's eaches, through any chain in any order; else no factor.

        Resolved in waves, each row against its base as the wave found it, so that the row
        order decides nothing (measured against the command: two rows at odds both lose)."""
        pending = list(chained)
        while pending:
            wave, rejected = [], []
            for row in pending:
                line, sku, code, f, base = row
                known = seen.get((sku, base))
                waits = any(p[1] == sku and p[2] == base for p in pending if p is not row)
                if isinstance(known, int):
                    wave.append((row, f * known))
                elif known == "disputed" or (known is None and not waits):
                    rejected.append(row)
            if not wave and not rejected:
                for line, *_ in pending:  # a cycle: no level is in eaches
                    self.reject("uom.csv", line, "chain through itself")
                break
            for row, eaches in wave:
                line, sku, code, f, base = row
                pending.remove(row)
                prev = seen.get((sku, code))
                if prev is None:
                    seen[(sku, code)] = eaches
                elif prev == "disputed":
                    self.reject("uom.csv", line, "already disputed")
                elif prev != eaches:
                    self.conflict.add(sku)
                    seen[(sku, code)] = "disputed"
                    self.reject("uom.csv", line, "second factor")
            for row in rejected:
                pending.remove(row)
                self.reject("uom.csv", row[0], "no factor in eaches for its base")

    def recheck_chains(self, seen, chained):
        """A level counted through one that ended with no factor has none either."""
        rejected = {(f, line) for f, line, _ in self.rejected}
        changed = True
        while changed:
            changed = False
            for line, sku, code, f, base in chained:
                if ("uom.csv", line) in rejected:
                    continue
                if not isinstance(seen.get((sku, base)), int):
                    self.reject("uom.csv", line, "its base has no factor")
                    rejected.add(("uom.csv", line))
                    if seen.get((sku, code)) != "disputed":
                        seen[(sku, code)] = "disputed"
                        changed = True

    def outer_below_inner(self, seen, rows):
        """An outer pack of fewer eaches than a pack it holds has no factor, nor its pallet."""
        holds = {"PL": ["CS", "CT", "BX", "IP"], "CS": ["IP"], "CT": ["IP"]}
        for sku in {s for s, _ in seen}:
            f = {c: v for (s, c), v in seen.items() if s == sku and v != "disputed"}
            bad = set()
            for outer in ("CS", "CT", "PL"):
                if outer in f and any(i in f and f[i] > f[outer] for i in holds[outer]):
                    bad.add(outer)
            if bad & {"CS", "CT"} and "PL" in f:
                bad.add("PL")
            if not bad:
                continue
            self.conflict.add(sku)
            for code in bad:
                seen[(sku, code)] = "disputed"
            for r in rows:
                if r[0] == sku and unit_code(r[1]) in bad and ("uom.csv", r.line) not in {
                        (x[0], x[1]) for x in self.rejected}:
                    self.reject("uom.csv", r.line, "outer pack below inner")

    def factor(self, sku, unit):
        """Eaches per unit for the SKU, or None when it has none (or it is disputed)."""
        code = unit_code(unit)
        word = each_word(unit)
        if word is not None and word in self.disputed_words.get(sku, ()):
            return None
        if code == "EA":
            return 1
        return self.factors.get(sku, {}).get(code)

    def units_of(self, sku):
        units = {"EA": 1}
        for code, f in self.factors.get(sku, {}).items():
            if f is not None:
                units[code] = f
        return units

    def load_items(self):
        path = os.path.join(self.case, "items.csv")
        header, rows = read(path)
        self.rows["items.csv"] = len(rows)
        has_class = "class" in header
        unit_col = header.index("cost_uom") if "cost_uom" in header \
            else found_unit_column("items.csv", header)
        unread = []
        HELD.clear()
        if unit_col is not None and figures_only("items.csv", rows, unit_col):
            unread, unit_col = [unit_col], None
        if unit_col is None:
            unit_col, more = units_column(header, rows, (0, 1, 2 if has_class else 1),
                                          self.site_units)
            unread += more
        if unread:
            header, rows = read(path, unread)
        self.cost = {}
        self.cls = {}
        cost_state = {}  # sku -> Decimal, None (blank) or "disputed"
        class_state = {}
        for r in rows:
            # A stray quote or bytes not UTF-8 in the cost or class refuse that field alone.
            alone = r.bad is not None and r.bad[0] in (1, 2 if has_class else 1) \
                and r.bad[1] in ("stray quote", "not UTF-8")
            if r.bad and not alone:
                self.malformed("items.csv", header, r)
                continue
            cost_fault = alone and r.bad[0] == 1
            class_fault = alone and r.bad[0] == 2
            line = r.line
            sku, text = r[0], r[1]
            klass = r[2].strip() if has_class and not class_fault else ""
            cost = None if cost_fault or text.strip() == "" else number(text)
            unreadable = cost_fault or text.strip() != "" and (cost is None or cost < 0)
            read_as_number = unreadable
            if not unreadable and cost is not None and unit_col is not None:
                cost = self.cost_per_each(sku, cost, r[unit_col])
                unreadable = cost is None  # no exact cost per each: refused, class kept
            below = [k for k in unread if k < len(r) and hidden_unit(
                r[k], HELD.get(k, ()), self.disputed_words.get(sku, ()))]
            if not unreadable and cost is not None and below:
                # A unit below the figures that made the column a quantity: the cost may be
                # per it, and is refused (the class kept), naming the column.
                unreadable = read_as_number = True
                units_field = AS_WRITTEN["items.csv"][below[0]].strip()
            else:
                units_field = None
            prev_cost = cost_state.get(sku)
            cost_clash = not unreadable and cost is not None and (
                prev_cost == "disputed" or isinstance(prev_cost, Decimal) and prev_cost != cost)
            prev_class = class_state.get(sku)
            class_clash = klass != "" and (
                prev_class == "disputed" or prev_class is not None and prev_class != klass)
            if cost_clash or class_clash:
                # A row giving a second cost or class is rejected whole: none of it is taken.
                if cost_clash:
                    cost_state[sku] = "disputed"
                if class_clash:
                    class_state[sku] = "disputed"
                self.conflict.add(sku)
                self.reject("items.csv", line, "second cost or class")
                continue
            if class_fault:
                self.reject("items.csv", line, "class")  # its cost is kept
                self.fields[("items.csv", line)] = AS_WRITTEN["items.csv"][2]
            if unreadable:
                self.reject("items.csv", line, "cost")  # its class is kept
                if read_as_number:
                    self.fields[("items.csv", line)] = units_field or AS_WRITTEN["items.csv"][1]
            elif cost is not None:
                cost_state[sku] = cost
            if klass != "":
                class_state[sku] = klass
        self.cost = {s: c for s, c in cost_state.items() if isinstance(c, Decimal)}
        self.cls = {s: c for s, c in class_state.items() if c != "disputed"}

    def cost_per_each(self, sku, cost, unit):
        """A cost per unit (or per so many eaches) as a cost per each, exact; None if none."""
        u = unit.strip()
        if u == "":
            return cost
        if re.fullmatch(r"\d+", u):
            per = int(u)
        else:
            per = self.factor(sku, u)
        if not per:
            return None
        fr = Fraction(cost) / per
        if (fr * 10 ** 9).denominator != 1:
            return None  # not exact in at most 9 decimals
        return Decimal(fr.numerator) / Decimal(fr.denominator)

    def to_eaches(self, sku, qty, unit, negative_ok=False):
        """(eaches, None) or (None, reason)."""
        q = number(qty)
        if q is None:
            return None, "quantity"
        if q < 0 and not negative_ok:
            return None, "negative count"
        if q == 0:
            return 0, None
        f = self.factor(sku, unit) if unit.strip() != "" else None
        if f is None:
            return None, "unit"
        e = q * f
        if e != e.to_integral_value():
            return None, "not whole eaches"
        if abs(e) > MAX_EACHES:
            return None, "too large"
        return int(e), None

    def load_book(self):
        path = os.path.join(self.case, "book.csv")
        header, rows = read(path)
        self.rows["book.csv"] = len(rows)
        uom_col = header.index("book_uom") if "book_uom" in header \
            else found_unit_column("book.csv", header)
        lot_col = header.index("lot") if "lot" in header else None
        unread = []
        HELD.clear()
        if uom_col is not None and figures_only("book.csv", rows, uom_col):
            unread, uom_col = [uom_col], None
        if uom_col is None:
            uom_col, more = units_column(header, rows, (0, 1, 2, lot_col), self.site_units)
            unread += more
        if unread:
            header, rows = read(path, unread)
        self.book = {}  # key -> [sum, rows, rejected]
        self.book_lots = {}  # (sku, location, lot) -> [sum, rows, rejected]
        # A SKU the book keeps only without a lot is not lot-controlled (one the book does not
        # have at all keeps the lots it is counted with).
        self.no_lot_skus = set()  # SKUs with book rows read, none with a lot
        with_lot = set()
        self.book_has_lots = lot_col is not None
        self.lot_unknown = set()  # pairs with book rows of a lot not known: any lot's book
        for r in rows:
            if r.bad:
                self.malformed("book.csv", header, r)
                continue
            line = r.line
            key = (r[0], r[1])
            unit = r[uom_col] if uom_col is not None else ""
            entry = self.book.setdefault(key, [0, 0, 0])
            lot = r[lot_col].strip() if lot_col is not None else ""
            if self.by_lot and error_value(lot):
                # A lookup that found no lot: no key, and the row's lot is not known, so it
                # makes no lot line (as a fault that cut the lot); its line's book is unknown.
                if r.unresolved is None:
                    self.reject("book.csv", line, "lot is an error value")
                    self.fields[("book.csv", line)] = AS_WRITTEN["book.csv"][lot_col]
                else:
                    self.reject("book.csv", line, "bin not resolved")
                    self.ambiguous_book.extend((r[0], code, None) for code in r.unresolved)
                entry[2] += 1
                self.no_lot_skus.add(r[0])
                with_lot.add(r[0])  # a lot not known is a lot: the SKU is kept by lot
                self.lot_unknown.add(key)
                continue
            lot_entry = self.book_lots.setdefault(key + (lot,), [0, 0, 0])
            if r.unresolved is not None:
                e = None
                # A book row naming several bins leaves the book unknown at each one counted.
                self.ambiguous_book.extend((r[0], code, lot) for code in r.unresolved)
            elif number(r[2]) not in (None, 0) and any(
                    k < len(r) and hidden_unit(r[k], HELD.get(k, ()),
                                               self.disputed_words.get(r[0], ()))
                    for k in unread):
                # A unit below the figures that made the column a quantity: the quantity may
                # be in it, so the row is refused, naming the column (0 of any unit is 0).
                e = None
                held = next(k for k in unread
                            if k < len(r) and hidden_unit(r[k], HELD.get(k, ()),
                                                          self.disputed_words.get(r[0], ())))
                self.fields[("book.csv", line)] = AS_WRITTEN["book.csv"][held].strip()
            elif unit.strip() == "":
                q = number(r[2])
                e = None if q is None or q != q.to_integral_value() else int(q)
                if e is not None and abs(e) > MAX_EACHES:
                    e = None
            else:
                e, _ = self.to_eaches(r[0], r[2], unit, negative_ok=True)
            if e is None:
                self.reject("book.csv", line, "book quantity")
                entry[2] += 1
                lot_entry[2] += 1
            else:
                entry[0] += e
                entry[1] += 1
                lot_entry[0] += e
                lot_entry[1] += 1
            self.no_lot_skus.add(r[0])  # on book, read or rejected
            if lot:
                with_lot.add(r[0])  # a rejected row's lot says the SKU is kept by lot too
        self.no_lot_skus -= with_lot

    def unknown_where_counted(self):
        """A book row's ambiguous bin name makes the book unknown at each of its locations
        where its SKU has a line of other rows (and, by lot, its lot a lot line): it may be
        that line's stock. It makes no line."""
        for key in self.book_if_exists:
            if key in self.book or key in self.counts:
                self.book.setdefault(key, [0, 0, 0])[2] += 1
                if self.by_lot:
                    self.lot_unknown.add(key)  # of a lot not read: any lot's there
        for sku, code, lot in self.ambiguous_book:
            if (sku, code) in self.book or (sku, code) in self.counts:
                self.book.setdefault((sku, code), [0, 0, 0])[2] += 1
                if lot is None:  # of a lot not known: any lot's there
                    self.lot_unknown.add((sku, code))
                if (sku, code, lot) in self.book_lots or (sku, code, lot) in self.count_lots:
                    self.book_lots.setdefault((sku, code, lot), [0, 0, 0])[2] += 1

    def load_counts(self):
        header, rows = read(os.path.join(self.case, "counts.csv"))
        self.rows["counts.csv"] = len(rows)
        self.replaced = []  # lines of earlier rounds a recount replaced (listed, not rejected)
        # key -> dict(sum, rows, rejected, keyed: {code: Decimal}), begun in __init__
        col = {name: header.index(name) for name in header}
        self.counts_have_lots = "lot" in col
        last_round = {}
        records = []
        for r in rows:
            if r.bad:
                self.malformed("counts.csv", header, r)
                continue
            rec = {"line": r.line, "key": (r[0], r[1]), "qty": r[2], "unit": r[3],
                   "id": r[col["count_id"]].strip() if "count_id" in col else "",
                   "station": r[col["station"]].strip() if "station" in col else "",
                   "round": 0}
            lot = r[col["lot"]].strip() if "lot" in col else ""
            # A lot counted for a SKU that is not lot-controlled is compared as "no lot".
            rec["lot"] = "" if r[0] in self.no_lot_skus else lot
            c = self.counts.setdefault(rec["key"],
                                       {"sum": 0, "rows": 0, "rejected": 0, "keyed": {}})
            error_lot = self.by_lot and error_value(lot)
            if error_lot and r.unresolved is None:
                # Refused whatever the SKU (its lot-control is known only from the whole
                # book), as a faulty count: it flags its line, and no lot line, its lot being
                # unknown; a later round replaces it as it does any faulty row.
                rec["lot_fault"] = AS_WRITTEN["counts.csv"][col["lot"]]
            else:
                self.count_lots.setdefault(rec["key"] + (rec["lot"],),
                                           {"sum": 0, "rows": 0, "rejected": 0, "keyed": {}})
            if r.unresolved is not None:
                self.reject("counts.csv", rec["line"], "bin not resolved")
                c["rejected"] += 1
                if not error_lot:
                    self.count_lots[rec["key"] + (rec["lot"],)]["rejected"] += 1
                continue
            if "round" in col:
                text = r[col["round"]].strip()
                n = number(text) if text else Decimal(0)
                if n is None or n != n.to_integral_value() or n < 0:
                    # (a row refused for its lot stays so: a round it lacks replaces nothing)
                    self.reject("counts.csv", rec["line"], "round")
                    c["rejected"] += 1
                    if error_lot:
                        self.fields[("counts.csv", rec["line"])] = rec["lot_fault"]
                    else:
                        self.count_lots[rec["key"] + (rec["lot"],)]["rejected"] += 1
                    continue
                rec["round"] = int(n)
            records.append(rec)

        def eaches(rec):
            if "lot_fault" in rec:
                return None
            return self.to_eaches(rec["key"][0], rec["qty"], rec["unit"])[0]

        for rec in records:
            if eaches(rec) is not None:
                last_round[rec["key"]] = max(last_round.get(rec["key"], 0), rec["round"])
        seen_ids = {}
        for rec in records:
            c = self.counts[rec["key"]]
            e = eaches(rec)
            cl = self.count_lots.get(rec["key"] + (rec["lot"],))  # none for a lot not known
            # A row of an earlier round than the last its line's usable rows have is replaced,
            # faulty or not; a recount whose every row is faulty replaces nothing.
            if rec["round"] < last_round.get(rec["key"], 0):
                self.replaced.append(("counts.csv", rec["line"]))
                continue
            if rec["id"] != "" and e is not None:
                # A rejected row is no record read: a later row with its id counts (as
                # ReconcileRepeatedCountIdsTest has it).
                ident = (rec["station"], count_id(rec["id"]))
                first = seen_ids.get(ident)
                if first is not None:
                    # A record read twice is counted once; with other figures, its line is
                    # recounted.
                    self.reject("counts.csv", rec["line"], "repeated count_id")
                    if first != (rec["key"], rec["lot"], e):
                        c["rejected"] += 1
                        cl["rejected"] += 1
                        self.counts[first[0]]["rejected"] += 1
                        self.count_lots[first[0] + (first[1],)]["rejected"] += 1
                    continue
                seen_ids[ident] = (rec["key"], rec["lot"], e)
            if "lot_fault" in rec:
                self.reject("counts.csv", rec["line"], "lot is an error value")
                self.fields[("counts.csv", rec["line"])] = rec["lot_fault"]
                c["rejected"] += 1
                continue
            if e is None:
                self.reject("counts.csv", rec["line"], "count")
                c["rejected"] += 1
                cl["rejected"] += 1
                continue
            c["sum"] += e
            c["rows"] += 1
            cl["sum"] += e
            cl["rows"] += 1
            # A zero is keyed in its unit too (6 EA and 0 CS is two units); one in a unit the
            # table has no factor for (or blank) is in a unit not known: not one unit either.
            known = rec["unit"].strip() != "" and self.factor(
                rec["key"][0], rec["unit"]) is not None
            code = unit_code(rec["unit"]) if known else "?"
            c["keyed"][code] = c["keyed"].get(code, Decimal(0)) + number(rec["qty"])
            cl["keyed"][code] = cl["keyed"].get(code, Decimal(0)) + number(rec["qty"])
        for key, c in list(self.counts.items()):
            if c["rows"] == 0 and c["rejected"] == 0:
                del self.counts[key]  # only rows a recount replaced: no line of their own
        for key, c in list(self.count_lots.items()):
            if c["rows"] == 0 and c["rejected"] == 0:
                del self.count_lots[key]


def count_id(text):
    """A numeric id as its number (0007, 7 and 7.0 are one record); any other id as written."""
    if re.fullmatch(r"\d+(\.0+)?", text):
        return str(int(text.split(".")[0]))
    return text


def location_parts(loc):
    parts = loc.split("-")
    if len(parts) > 4 or any(p.strip() == "" for p in parts):
        return None
    return parts + [""] * (4 - len(parts))


def norm_key_text(text):
    return re.sub(r"\d+", lambda m: str(int(m.group(0))), text.lower())


class Rules:
    def __init__(self, spec):
        self.spec = spec
        self.cases = spec["cases"]

    def side(self, zone, klass, side):
        """The limits and combine of a side: the most specific rule that gives it."""
        scoped = self.spec["rules"]
        order = [lambda r: r.get("zone") == zone and r.get("class") == klass
                 and "zone" in r and "class" in r,
                 lambda r: "class" in r and "zone" not in r and r["class"] == klass,
                 lambda r: "zone" in r and "class" not in r and r["zone"] == zone]
        for test in order:
            for r in scoped:
                if test(r) and side in r:
                    return r[side], r.get("combine", "any")
        d = self.spec["default"]
        return d[side], d.get("combine", "any")

    def reached(self, zone, klass, book, variance, value):
        side = "short" if variance < 0 else "over"
        limits, combine = self.side(zone, klass, side)
        tests = []
        if limits.get("qty") is not None:
            tests.append(abs(variance) >= Decimal(str(limits["qty"])))
        if limits.get("value") is not None:
            tests.append(value is None or abs(value) >= Fraction(str(limits["value"])))
        if limits.get("pct") is not None:
            tests.append(book <= 0
                         or Fraction(abs(variance) * 100, book) >= Fraction(str(limits["pct"])))
        if not tests:
            return False
        return all(tests) if combine == "all" else any(tests)


class Line:
    def __init__(self, sku, loc):
        self.sku, self.loc = sku, loc
        self.book = None  # int when known
        self.book_state = "none"  # none, known, unknown
        self.counted = None
        self.count_state = "none"  # none, usable, rejected
        self.flags = set()
        self.status = None
        self.variance = None
        self.value = None
        self.cost = None
        self.recount = False


def reconcile(case):
    global DECIMAL_COMMA
    spec = json.load(open(os.path.join(case, "rules.json")))
    DECIMAL_COMMA = spec.get("decimal_comma", False)
    global BINS
    BINS = None  # read by Inputs, before the rows that name bins
    COLUMNS.clear()
    COLUMNS.update(spec.get("columns", {}))
    COLUMN_OF.clear()
    COLUMN_OF.update({f: {v: k for k, v in m.items()} for f, m in COLUMNS.items()})
    inp = Inputs(case)
    rules = Rules(spec)
    keys = set(inp.book) | set(inp.counts)
    lines = {}
    for key in keys:
        ln = Line(*key)
        lines[key] = ln
        b = inp.book.get(key)
        if b is not None:
            if b[2] > 0:
                ln.book_state = "unknown"
                ln.flags.add("book_rows_rejected")
            else:
                ln.book_state = "known"
                ln.book = b[0]
        c = inp.counts.get(key)
        if c is not None:
            if c["rejected"] > 0:
                ln.flags.add("count_rows_rejected")
            ln.count_state = "usable" if c["rows"] > 0 else "rejected"
            if c["rows"] > 0:
                ln.counted = c["sum"]
        sku = key[0]
        ln.cost = inp.cost.get(sku)
        if sku in inp.conflict:
            ln.flags.add("master_data_conflict")
        classify(ln)
        if ln.count_state == "usable" and ln.cost is None:
            ln.flags.add("missing_cost")
        if ln.variance is not None:
            if ln.cost is None:
                ln.flags.add("missing_cost")
            else:
                ln.value = Fraction(ln.variance) * Fraction(ln.cost)
        if ln.book_state == "known" and ln.book < 0:
            ln.flags.add("negative_book")
        if ln.book_state == "known" and ln.book > 0 and ln.counted == 0:
            ln.flags.add("counted_zero")
        parts = location_parts(ln.loc)
        ln.parts = parts or ["", "", "", ""]
        if parts is None:
            ln.flags.add("location_unparsed")
        if ln.status in ("short", "over") and unit_error(inp, ln, c):
            ln.flags.add("probable_unit_error")
    for key in inp.flag_if_exists:
        if key in lines:
            lines[key].flags.add("count_rows_rejected")
    key_mismatches(lines, inp)
    inp.lots = lot_lines(inp, lines) if inp.book_has_lots and inp.counts_have_lots else None
    for ln in lines.values():
        ln.recount = recount(ln, rules, inp)
    return inp, lines


def lot_lines(inp, lines):
    """The lines per lot (recon_lots.csv), and the flags they give their SKU + location line."""
    lots = {}
    for key in set(inp.book_lots) | set(inp.count_lots):
        # A book row whose lot is not known may be any lot's there: each lot line's book is
        # unknown (measured against the command; it makes no lot line of its own).
        if key[:2] in inp.lot_unknown:
            inp.book_lots.setdefault(key, [0, 0, 0])[2] += 1
    for key in set(inp.book_lots) | set(inp.count_lots):
        line = lines[key[:2]]
        ln = Line(*key[:2])
        ln.lot = key[2]
        b, c = inp.book_lots.get(key), inp.count_lots.get(key)
        if b is not None:
            ln.book_state = "unknown" if b[2] else "known"
            ln.book = b[0] if not b[2] else None
            if b[2]:
                ln.flags.add("book_rows_rejected")
        if c is not None:
            ln.count_state = "usable" if c["rows"] else "rejected"
            ln.counted = c["sum"] if c["rows"] else None
            if c["rejected"]:
                ln.flags.add("count_rows_rejected")
        if ln.book_state != "none" and ln.count_state == "none" \
                and line.count_state == "usable":
            # The pair was counted: a book lot nobody counted was counted as none.
            ln.count_state, ln.counted = "usable", 0
            ln.zero_by_pair = True
        classify(ln)
        ln.cost = line.cost
        if ln.variance is not None:
            if ln.cost is not None:
                ln.value = Fraction(ln.variance) * Fraction(ln.cost)
        if ln.book_state == "known" and ln.book < 0:
            ln.flags.add("negative_book")
        if ln.book_state == "known" and ln.book > 0 and ln.counted == 0 \
                and not getattr(ln, "zero_by_pair", False):
            ln.flags.add("counted_zero")
        # What holds for the whole line holds for its lots (missing_cost too: a lot of a
        # counted line whose rows were all rejected has it, one of a line not counted not).
        ln.flags |= line.flags & {"location_unparsed", "missing_cost",
                                  "master_data_conflict", "possible_key_mismatch"}
        # A lot is checked for a unit error as a line is: its own count against its own book.
        if ln.book_state == "known" and ln.count_state == "usable" and ln.variance \
                and ln.book > 0 and ln.counted > 0 and unit_error(inp, ln, c):
            ln.own_unit_error = True
        ln.parts = line.parts
        lots[key] = ln
    by_pair = {}
    for ln in lots.values():
        by_pair.setdefault((ln.sku, ln.loc), []).append(ln)
    for pair, group in by_pair.items():
        # A lot keyed in another unit flags itself and its line (whose total may match no
        # unit); otherwise the line's own unit error, if any, is each lot's.
        if any(getattr(ln, "own_unit_error", False) for ln in group):
            lines[pair].flags.add("probable_unit_error")
            for ln in group:
                if getattr(ln, "own_unit_error", False):
                    ln.flags.add("probable_unit_error")
        elif "probable_unit_error" in lines[pair].flags:
            for ln in group:
                ln.flags.add("probable_unit_error")
        for ln in group:
            # A lot's negative book, or a lot counted 0 against its book, is its line's too.
            lines[pair].flags |= ln.flags & {"negative_book", "counted_zero"}
        # Lots differ more than their line's total (its variance, so its book known).
        variances = [ln.variance for ln in group if ln.variance is not None]
        line = lines[pair]
        if line.variance is not None and sum(abs(v) for v in variances) > abs(line.variance):
            line.flags.add("lot_variance")
        on_book = [ln for ln in group if ln.book_state != "none"]
        off_book = [ln for ln in group if ln.book_state == "none"]
        for u in off_book:
            for q in on_book:
                # Measured against the command: a counted lot (a zero included, not one whose
                # rows were all rejected) pairs with the book lot whatever that one's state.
                if u.lot != q.lot and norm_lot(u.lot) == norm_lot(q.lot) \
                        and u.count_state == "usable" and q.book_state == "known":
                    for x in (u, q, lines[pair]):
                        x.flags.add("possible_lost_leading_zero")
    return lots


def norm_lot(lot):
    return re.sub(r"\d+", lambda m: str(int(m.group(0))), lot)


def classify(ln):
    if ln.book_state == "known":
        if ln.count_state == "usable":
            ln.variance = ln.counted - ln.book
            ln.status = "matched" if ln.variance == 0 else (
                "short" if ln.variance < 0 else "over")
        else:
            ln.status = "missing"
    elif ln.book_state == "unknown":
        ln.status = "unexpected" if ln.count_state == "usable" else "missing"
    else:
        if ln.count_state == "usable":
            if ln.counted == 0:
                ln.status = "matched"
                ln.variance = 0
            else:
                ln.status = "unexpected"
                ln.variance = ln.counted
        else:
            ln.status = "unexpected"


def unit_error(inp, ln, c):
    units = inp.units_of(ln.sku)
    keyed = c["keyed"]
    if len(keyed) == 1 and "?" not in keyed:
        (u, n), = keyed.items()
        for v, f in units.items():
            if v != u and n * f == ln.book:
                return True
    for v, f in units.items():
        if f > 1 and ln.book * f == ln.counted:
            return True
    return False


def key_mismatches(lines, inp):
    by_norm = {}
    for ln in lines.values():
        by_norm.setdefault((norm_key_text(ln.sku), norm_key_text(ln.loc)), []).append(ln)
    for group in by_norm.values():
        off_book = [ln for ln in group if ln.book_state == "none"]
        on_book = [ln for ln in group if ln.book_state != "none"]
        for u in off_book:
            for q in on_book:
                # q not counted: any count of u, zero included, may be its stock; q counted
                # (rows rejected or not): u may hold the rest of its stock if it found some.
                if q.count_state == "none" or u.count_state == "usable" and u.counted != 0:
                    u.flags.add("possible_key_mismatch")
                    q.flags.add("possible_key_mismatch")


def recount(ln, rules, inp):
    cases = rules.cases
    zone = ln.parts[0] if "location_unparsed" not in ln.flags else None
    klass = inp.cls.get(ln.sku)
    if ln.flags & {"count_rows_rejected", "book_rows_rejected"} and cases["rejected-rows"]:
        return True
    if "possible_key_mismatch" in ln.flags and ln.status in ("short", "over"):
        return True
    if ln.status == "missing":
        return cases["missing"]
    if ln.status == "unexpected":
        if cases["unexpected"]:
            return True
        # A lot's negative book or counted zero flags a line whose book is unknown too.
        if "counted_zero" in ln.flags and cases["counted-zero"] \
                or "negative_book" in ln.flags and cases["negative-book"]:
            return True
        if ln.variance is None:
            return False
        return rules.reached(zone, klass, 0, ln.variance, ln.value)
    if "counted_zero" in ln.flags and cases["counted-zero"]:
        return True
    if "negative_book" in ln.flags and cases["negative-book"]:
        return True
    if "probable_unit_error" in ln.flags and cases["unit-error"]:
        return True
    if "lot_variance" in ln.flags and cases["lot-variance"]:
        return True
    if ln.status in ("short", "over"):
        return rules.reached(zone, klass, ln.book, ln.variance, ln.value)
    return False


def recon_rows(lines):
    out = []
    for ln in sorted(lines.values(), key=lambda l: (l.loc, l.sku)):
        pct = ""
        if ln.variance is not None and ln.book_state == "known" and ln.book > 0:
            pct = cut2(Fraction(ln.variance * 100, ln.book))
        out.append({
            "sku": ln.sku, "location": ln.loc,
            "zone": ln.parts[0], "aisle": ln.parts[1], "bay": ln.parts[2],
            "level": ln.parts[3],
            "book_qty": "" if ln.book is None else str(ln.book),
            "counted_qty": "" if ln.counted is None else str(ln.counted),
            "variance_qty": "" if ln.variance is None else str(ln.variance),
            "variance_pct": pct,
            "unit_cost": money(ln.cost),
            "variance_value": money(ln.value),
            "status": ln.status,
            "flags": "|".join(sorted(ln.flags)),
            "recount": "yes" if ln.recount else "",
        })
    return out


def task_rows(recon):
    tasks = [r for r in recon if r["recount"]]
    with_value = [r for r in tasks if r["variance_value"] != ""]
    without = [r for r in tasks if r["variance_value"] == ""]
    with_value.sort(key=lambda r: -abs(Decimal(r["variance_value"])))  # stable: recon order
    return [(r["sku"], r["location"]) for r in with_value + without]


def summary(inp, lines):
    status = {s: 0 for s in ("matched", "short", "over", "missing", "unexpected")}
    for ln in lines.values():
        status[ln.status] += 1
    valued = [ln.value for ln in lines.values() if ln.value is not None]
    variances = [ln for ln in lines.values() if ln.variance not in (None, 0)]
    without_value = sum(1 for ln in variances if ln.value is None)
    if variances and not any(ln.value is not None and ln.variance != 0 for ln in variances):
        net = absolute = None
    else:
        net = sum(valued, Fraction(0))
        absolute = sum((abs(v) for v in valued), Fraction(0))
    counted_locs, accurate = set(), {}
    for ln in lines.values():
        if ln.count_state != "none":
            counted_locs.add(ln.loc)
    for ln in lines.values():
        if ln.loc in counted_locs:
            ok = ln.status == "matched" and not ln.flags & {"count_rows_rejected",
                                                             "lot_variance"}
            accurate[ln.loc] = accurate.get(ln.loc, True) and ok
    locs = {ln.loc for ln in lines.values()}
    book_value = sum((abs(ln.book * Fraction(ln.cost)) for ln in lines.values()
                      if ln.count_state == "usable" and ln.book_state == "known"
                      and ln.cost is not None), Fraction(0))
    n_acc = sum(1 for v in accurate.values() if v)
    return {
        # rows, not entries: a row refused for its cost and its class is one
        "rejected": {f: len({r[1] for r in inp.rejected if r[0] == f}) for f in inp.rows},
        "rows": dict(inp.rows),
        "rejected_rows": len({(f, line) for f, line, _ in inp.rejected}),
        "compared_by_lot": inp.lots is not None,
        "count_rows_replaced_by_recount": len(inp.replaced),
        "top_variances": top_variances(lines),
        "status": status,
        "recount_tasks": sum(1 for ln in lines.values() if ln.recount),
        "probable_unit_errors": sum(
            1 for ln in lines.values() if "probable_unit_error" in ln.flags),
        "lines_with_rejected_rows": sum(1 for ln in lines.values() if ln.flags & {
            "count_rows_rejected", "book_rows_rejected"}),
        "locations_unparsed": len({ln.loc for ln in lines.values()
                                   if "location_unparsed" in ln.flags}),
        "net_value": net, "abs_value": absolute,
        "lines_without_value": without_value,
        "counted_lines_without_book": sum(
            1 for ln in lines.values()
            if ln.count_state == "usable" and ln.book_state == "unknown"),
        "lines_without_usable_count": sum(
            1 for ln in lines.values() if ln.count_state == "rejected"),
        "locations_counted": len(counted_locs),
        "locations_accurate": n_acc,
        "locations_not_counted": len(locs - counted_locs),
        "location_pct": None if not counted_locs else floor2(
            Fraction(n_acc * 100, len(counted_locs))),
        "value_pct": None if book_value == 0 else floor2(
            (1 - sum((abs(v) for v in valued), Fraction(0)) / book_value) * 100),
    }


def top_variances(lines):
    """The ten valued variances of most value, as (location, SKU), ties in report order."""
    valued = [ln for ln in sorted(lines.values(), key=lambda l: (l.loc, l.sku))
              if ln.value is not None and ln.variance != 0]
    valued.sort(key=lambda l: -abs(l.value))
    return [(ln.loc, ln.sku) for ln in valued[:10]]


# ---- comparison with the command's reports ----

def their_summary(path):
    with open(path, encoding="utf-8") as f:
        s = json.load(f, parse_float=Decimal)
    v, a = s["variance"], s["accuracy"]

    def dec(x):
        return None if x is None else Fraction(Decimal(str(x)))

    return {
        "rejected": {f: s["inputs"][f]["rejected"] for f in s["inputs"]},
        "rows": {f: s["inputs"][f]["rows"] for f in s["inputs"]},
        "rejected_rows": s["rejected_rows"],
        "compared_by_lot": s["compared_by_lot"],
        "count_rows_replaced_by_recount": s["count_rows_replaced_by_recount"],
        "top_variances": [(t["location"], t["sku"]) for t in s["top_variances"]],
        "status": s["status"],
        "recount_tasks": s["recount_tasks"],
        "probable_unit_errors": s["probable_unit_errors"],
        "lines_with_rejected_rows": s["lines_with_rejected_rows"],
        "locations_unparsed": s["locations_unparsed"],
        "net_value": dec(v["net_value"]), "abs_value": dec(v["abs_value"]),
        "lines_without_value": v["lines_without_value"],
        "counted_lines_without_book": v["counted_lines_without_book"],
        "lines_without_usable_count": v["lines_without_usable_count"],
        "locations_counted": a["locations_counted"],
        "locations_accurate": a["locations_accurate"],
        "locations_not_counted": a["locations_not_counted"],
        "location_pct": None if a["location_pct"] is None else cut2(
            Fraction(Decimal(str(a["location_pct"])))),
        "value_pct": None if a["value_pct"] is None else cut2(
            Fraction(Decimal(str(a["value_pct"])))),
    }


def unquote(cell):
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def compare(case):
    """Returns the disagreements of one case as lines of text."""
    out = os.path.join(case, "out")
    inp, lines = reconcile(case)
    problems = []
    mine = recon_rows(lines)
    _, theirs_rows = read(os.path.join(out, "recon.csv"))
    header, _ = read(os.path.join(out, "recon.csv"))
    theirs = [dict(zip(header, r)) for r in theirs_rows]
    for r in theirs:
        for k in ("sku", "location", "zone", "aisle", "bay", "level"):
            r[k] = unquote(r[k])
        r["flags"] = "|".join(sorted(f for f in r["flags"].split("|") if f))
        r["recount"] = "yes" if r["recount"] else ""
    mine_keys = [(r["sku"], r["location"]) for r in mine]
    their_keys = [(r["sku"], r["location"]) for r in theirs]
    if mine_keys != their_keys:
        only_mine = sorted(set(mine_keys) - set(their_keys))
        problems.append(f"recon keys differ: only reference {only_mine}"
                        f", only command {sorted(set(their_keys) - set(mine_keys))}"
                        + ("" if set(mine_keys) != set(their_keys) else ", order differs"))
    theirs_by_key = {(r["sku"], r["location"]): r for r in theirs}
    for m in mine:
        t = theirs_by_key.get((m["sku"], m["location"]))
        if t is None:
            continue
        for k, v in m.items():
            if t.get(k) != v:
                problems.append(f"recon {m['sku']}@{m['location']} {k}: reference {v!r}, "
                                f"command {t.get(k)!r} (status {m['status']}, "
                                f"flags {m['flags']})")
    problems += compare_lots(inp, out)
    _, task_rows_theirs = read(os.path.join(out, "recount_tasks.csv"))
    th, _ = read(os.path.join(out, "recount_tasks.csv"))
    tasks_theirs = [(unquote(dict(zip(th, r))["sku"]), unquote(dict(zip(th, r))["location"]))
                    for r in task_rows_theirs]
    tasks_mine = task_rows(mine)
    if tasks_mine != tasks_theirs and set(tasks_mine) == set(tasks_theirs):
        problems.append(f"task order: reference {tasks_mine}, command {tasks_theirs}")
    eh, ex = read(os.path.join(out, "exceptions.csv"))
    ex_theirs = sorted({(r[0], int(r[1])) for r in ex})
    ex_mine = sorted({(f, line) for f, line, _ in inp.rejected} | set(inp.replaced))
    if ex_theirs != ex_mine:
        reasons = {(r[0], int(r[1])): r[4] for r in ex}
        only_t = sorted(set(ex_theirs) - set(ex_mine))
        problems.append(f"exceptions: only reference {sorted(set(ex_mine) - set(ex_theirs))}, "
                        f"only command {[(k, reasons[k]) for k in only_t]}")
    named = {}
    for r in ex:
        named.setdefault((r[0], int(r[1])), []).append((unquote(r[2]), r[4]))
    for key, said in sorted(named.items()):
        want = inp.fields.get(key)
        if want is not None and want not in [f for f, _ in said]:
            problems.append(f"exceptions {key[0]}:{key[1]} field: reference {want!r}, "
                            f"command {said}")
    mine_s = summary(inp, lines)
    theirs_s = their_summary(os.path.join(out, "summary.json"))
    for k, v in mine_s.items():
        if theirs_s.get(k) != v:
            problems.append(f"summary {k}: reference {v}, command {theirs_s.get(k)}")
    return problems


def lot_rows(lots):
    out = []
    for ln in sorted(lots.values(), key=lambda l: (l.loc, l.sku, l.lot)):
        out.append({
            "sku": ln.sku, "location": ln.loc, "lot": ln.lot, "zone": ln.parts[0],
            "book_qty": "" if ln.book is None else str(ln.book),
            "counted_qty": "" if ln.counted is None else str(ln.counted),
            "variance_qty": "" if ln.variance is None else str(ln.variance),
            "unit_cost": money(ln.cost), "variance_value": money(ln.value),
            "status": ln.status, "flags": "|".join(sorted(ln.flags)),
        })
    return out


def compare_lots(inp, out):
    path = os.path.join(out, "recon_lots.csv")
    if inp.lots is None:
        return ["recon_lots.csv written though not compared by lot"] if os.path.exists(
            path) else []
    if not os.path.exists(path):
        return ["recon_lots.csv missing"]
    header, rows = read(path)
    theirs = {}
    for r in rows:
        t = dict(zip(header, r))
        for k in ("sku", "location", "lot", "zone"):
            t[k] = unquote(t[k])
        t["flags"] = "|".join(sorted(f for f in t["flags"].split("|") if f))
        theirs[(t["sku"], t["location"], t["lot"])] = t
    mine = lot_rows(inp.lots)
    problems = []
    if [(m["sku"], m["location"], m["lot"]) for m in mine] != [
            (unquote(dict(zip(header, r))["sku"]), unquote(dict(zip(header, r))["location"]),
             unquote(dict(zip(header, r))["lot"])) for r in rows]:
        mk = [(m["sku"], m["location"], m["lot"]) for m in mine]
        problems.append(f"lot keys differ: only reference {sorted(set(mk) - set(theirs))}, "
                        f"only command {sorted(set(theirs) - set(mk))}"
                        + ("" if set(mk) != set(theirs) else ", order differs"))
    for m in mine:
        t = theirs.get((m["sku"], m["location"], m["lot"]))
        if t is None:
            continue
        for k, v in m.items():
            if t.get(k) != v:
                problems.append(f"lot {m['sku']}@{m['location']}#{m['lot']} {k}: reference "
                                f"{v!r}, command {t.get(k)!r} (status {m['status']}, flags "
                                f"{m['flags']})")
    return problems


def main(cases):
    bad = 0
    for case in cases:
        problems = compare(case)
        if problems:
            bad += 1
            if bad > 20:
                continue
            print(f"== {case}")
            for p in problems:
                print("  " + p)
    print(f"{len(cases)} cases, {bad} with disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

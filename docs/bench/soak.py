#!/usr/bin/env python3
"""A shift's soak of the real service: `dockcount run` (the fat jar) fed by counters at stations
on socat pseudo-terminals, sampled every minute, then stopped with SIGTERM and started again to
see every count still there. Developer tool, not part of the tests; loopback only.

  python3 docs/bench/soak.py --dir /tmp/h62-site --minutes 65 [--stations 16] [--port 22030]

Writes under DIR: gen/ (the generated master data and barcodes.csv), site.conf, data/ (the
store), service.out (stdout: FEEDBACK lines), service.log (the log), samples.csv (one row a
minute), acks.csv (every scan: station, sent, latency, outcome), summary.txt.

Each station is one counter working a shift: logs in, takes a location of its zone, scans each
book SKU there (cases as GS1-128 with a keyed quantity, eaches as EAN-13), now and then counts
wrong (a variance), scans a damaged label (bad check digit), voids and rescans, closes the
location, goes back to locations it left with a variance (a recount, when the label answers
RECOUNT), takes breaks (idle gaps) and hands over to another badge. A counter waits for the
station's light before the next scan, as at the dock; think time between scans is 1 to 3 s.
A new WMS book is dropped into the file-drop inbox every --wms-every minutes (a few quantities
changed), a local stand-in takes the Slack webhook's posts, and a supervisor's browser reads the
console's overview, recount queue, a zone and the stations every 2 s.
"""
import argparse
import csv
import http.server
import json
import os
import queue
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

JAR = "target/dockcount.jar"
GS = "\x1d"


def check_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def prepare(d, book_rows, zones):
    gen = os.path.join(d, "gen")
    if not os.path.exists(os.path.join(gen, "book.csv")):
        subprocess.run(["java", "-jar", JAR, "generate", "--out", gen, "--book-rows",
                        str(book_rows), "--zones", str(zones)], check=True)
    factors = {}
    with open(os.path.join(gen, "uom.csv"), newline="") as f:
        for r in csv.DictReader(f):
            factors.setdefault(r["sku"], {})[r["uom"]] = int(r["qty_per_uom"])
    skus = sorted(factors)
    codes = {}
    with open(os.path.join(gen, "barcodes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["barcode", "sku", "uom"])
        for i, sku in enumerate(skus):
            ean = "20" + "%010d" % i
            ean += check_digit(ean)
            case = "1" + ean[:12]
            case += check_digit(case)
            w.writerow([ean, sku, "EA"])
            w.writerow([case, sku, "CS"])
            codes[sku] = (ean, case, factors[sku].get("CS", 0))
    book = {}
    with open(os.path.join(gen, "book.csv"), newline="") as f:
        for r in csv.DictReader(f):
            book.setdefault(r["location"], []).append((r["sku"], int(r["book_qty"])))
    return codes, book


def site_conf(d, stations, port):
    lines = [
        'dockcount.store.path = "%s/data/dockcount"' % d,
        'dockcount.backup { dir = "%s/backup", interval = 10m }' % d,
        'dockcount.inputs { book = "%s/gen/book.csv", items = "%s/gen/items.csv",' % (d, d),
        '  uom = "%s/gen/uom.csv", barcodes = "%s/gen/barcodes.csv" }' % (d, d),
        "dockcount.cycle.interval = 1m",
        'dockcount.wms.file-drop { inbox = "%s/inbox", poll-interval = 10s }' % d,
        'dockcount.wms.export { mode = csv, outbox = "%s/outbox" }' % d,
        'dockcount.console { port = %d, open-view = true, api-token-file = "%s/api-token" }'
        % (port, d),
        "dockcount.counting.print-feedback = true",
        "dockcount.alerts.dry-run = false",
        "dockcount.alerts.slack.webhook-url-file = \"%s/slack-url\"" % d,
    ]
    write_site(d, lines, stations, port, "soak")


def write_site(d, lines, stations, port, name):
    """Writes site.conf (lines, then a station per pseudo-terminal), the console's token, the
    Slack stand-in's address (port + 1) and the directories the service and driver use."""
    lines = lines + ["dockcount.stations {"]
    for station, zone in stations:
        lines.append('  %s { zone = %s, device = "%s/pty/%s-dev" }' % (station, zone, d, station))
    lines.append("}")
    with open(os.path.join(d, "site.conf"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(d, "api-token"), "w") as f:
        f.write("%s-token-%d\n" % (name, random.randrange(10**12)))
    with open(os.path.join(d, "slack-url"), "w") as f:
        f.write("http://127.0.0.1:%d/slack\n" % (port + 1))
    for sub in ("inbox", "outbox", "pty", "backup"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)


def log_sample(samples, writer, row):
    """Appends a sample row to samples.csv (its header first) and prints it; returns the writer."""
    if writer is None:
        writer = csv.DictWriter(samples, fieldnames=list(row))
        writer.writeheader()
    writer.writerow(row)
    samples.flush()
    print(" ".join("%s=%s" % kv for kv in row.items()), flush=True)
    return writer


class Slack(http.server.BaseHTTPRequestHandler):
    posts = 0

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Slack.posts += 1
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class Service:
    """The service as a child process; its stdout is read for FEEDBACK lines."""

    def __init__(self, d, heap):
        self.d = d
        self.heap = heap
        self.feedback = {}
        self.proc = None

    def start(self, stations):
        for name, _ in stations:
            self.feedback[name] = queue.Queue()
        out = open(os.path.join(self.d, "service.out"), "a")
        log = open(os.path.join(self.d, "service.log"), "a")
        self.proc = subprocess.Popen(
            ["java", "-Xms128m", "-Xmx" + self.heap, "-XX:+ExitOnOutOfMemoryError", "-jar",
             os.path.abspath(os.path.join(self.d, "dockcount.jar")), "run", "--config",
             os.path.join(self.d, "site.conf")],
            stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1, cwd=self.d)
        self.ready = threading.Event()
        threading.Thread(target=self._read, args=(out,), daemon=True).start()
        t0 = time.time()
        if not self.ready.wait(300):
            raise SystemExit("service not running after 300 s")
        return time.time() - t0

    def _read(self, out):
        for line in self.proc.stdout:
            out.write(line)
            out.flush()
            if line.startswith("dockcount: console at"):
                self.ready.set()
            if line.startswith("FEEDBACK "):
                parts = line.rstrip("\n").split(" ", 6)
                q = self.feedback.get(parts[1])
                if q is not None:
                    q.put((time.time(), parts))

    def stop(self):
        t0 = time.time()
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(120)
        return rc, time.time() - t0


class Counter(threading.Thread):
    """One station's counter for the whole shift."""

    def __init__(self, soak, name, zone, locations, seed):
        super().__init__(name=name, daemon=True)
        self.soak, self.station, self.zone = soak, name, zone
        self.locations = locations
        self.rnd = random.Random(seed)
        self.port = open(os.path.join(soak.d, "pty", name + "-in"), "wb", buffering=0)
        self.recount = []
        self.badge = 0

    def scan(self, text):
        """Sends one frame, waits for its light, returns (feedback, kind, journal, detail)."""
        q = self.soak.service.feedback[self.station]
        sent = time.time()
        self.port.write(text.encode("latin-1") + b"\r")
        try:
            t, parts = q.get(timeout=15)
        except queue.Empty:
            self.soak.record(self.station, sent, None, "NONE", "", text)
            return ("NONE", "", -1, "")
        fb, kind, journal = parts[3], parts[4], int(parts[5])
        detail = parts[6] if len(parts) > 6 else ""
        self.soak.record(self.station, sent, t - sent, fb + " " + kind, detail, text)
        return fb, kind, journal, detail

    def counted(self, fb, kind, eaches):
        if fb == "GOOD" and kind in ("COUNT", "VOID"):
            with self.soak.lock:
                self.soak.eaches += eaches

    def think(self, lo=1.0, hi=3.0):
        time.sleep(self.rnd.uniform(lo, hi))

    def run(self):
        try:
            self.shift()
        except Exception as e:  # the report must show a driver failure, not hide it
            self.soak.errors.append("%s: %r" % (self.station, e))

    def login(self):
        self.badge += 1
        self.scan("BADGE:E%s%02d" % (self.station[1:], self.badge))
        self.think()

    def shift(self):
        self.login()
        while not self.soak.stopping.is_set():
            if self.recount and self.rnd.random() < 0.3:
                location = self.recount.pop(0)
            else:
                location = self.locations.pop()
            self.count_location(location)
            r = self.rnd.random()
            if r < 0.04:
                self.soak.sleep_unless_stopping(self.rnd.uniform(60, 240))  # a break
            elif r < 0.06:
                self.scan("CTL:LOGOUT")  # hand-over to another counter
                self.soak.sleep_unless_stopping(self.rnd.uniform(10, 60))
                self.login()
        self.scan("CTL:LOGOUT")

    def count_location(self, location):
        fb, _, _, detail = self.scan("LOC:" + location)
        self.think()
        if fb != "GOOD":
            if "is closed" in detail and self.rnd.random() < 0.7:
                self.recount.append(location)  # not sent to recount yet: come back later
            return
        recount = "RECOUNT" in detail
        off = False
        for sku, qty in self.soak.book[location]:
            if self.soak.stopping.is_set():
                break
            if not recount and self.rnd.random() < 0.08:
                qty = max(0, qty + self.rnd.choice([-1, 1]) * self.rnd.randint(1, 30))
                off = True
            self.count_sku(sku, qty)
        if self.soak.stopping.is_set():
            return
        self.scan("CTL:CLOSE")
        self.think()
        if off:
            self.recount.append(location)

    def count_sku(self, sku, qty):
        ean, case, per_case = self.soak.codes[sku]
        if self.rnd.random() < 0.03:  # a damaged label: a wrong check digit
            bad = ean[:12] + str((int(ean[12]) + 1) % 10)
            self.scan("]E0" + bad)
            self.think()
        cases, each = (qty // per_case, qty % per_case) if per_case else (0, qty)
        if cases:
            self.scan("QTY:%d" % cases)
            self.think(0.5, 1.5)
            fb, kind, _, _ = self.scan("]C101" + case + "17271231" + "10L" + sku[-3:])
            self.counted(fb, kind, cases * per_case)
            self.think()
        if each:
            if each > 1:
                self.scan("QTY:%d" % each)
                self.think(0.5, 1.5)
            fb, kind, _, _ = self.scan("]E0" + ean)
            self.counted(fb, kind, each)
            self.think()
            if fb == "GOOD" and kind == "COUNT" and self.rnd.random() < 0.02:
                fb, kind, _, _ = self.scan("CTL:VOID")  # took it back: scan it again
                self.counted(fb, kind, -each)
                self.think()
                if each > 1:
                    self.scan("QTY:%d" % each)
                    self.think(0.5, 1.5)
                fb, kind, _, _ = self.scan("]E0" + ean)
                self.counted(fb, kind, each)
                self.think()
        if qty == 0:
            self.scan("QTY:0")
            self.think(0.5, 1.5)
            self.scan("]E0" + ean)
            self.think()


class Soak:
    def __init__(self, a):
        self.a = a
        self.d = os.path.abspath(a.dir)
        self.lock = threading.Lock()
        self.acks = []
        self.errors = []
        self.stopping = threading.Event()
        self.log_pos = 0
        self.eaches = 0
        self.console_reads = 0
        self.console_errors = []

    def sleep_unless_stopping(self, s):
        self.stopping.wait(s)

    def record(self, station, sent, latency, outcome, detail, text):
        with self.lock:
            self.acks.append((station, sent, latency, outcome, detail, text))

    def api(self, path):
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.a.port, path),
                                    timeout=30) as r:
            return json.load(r)

    def supervisor(self, zones):
        """A supervisor's browser on the console: overview, recounts, a zone, every 2 s."""
        i = 0
        while not self.stopping.is_set():
            for path in ("/api/overview", "/api/recounts", "/api/zones/" + zones[i % len(zones)],
                         "/api/stations"):
                try:
                    self.api(path)
                    self.console_reads += 1
                except Exception as e:  # counted: a console that stops answering is a finding
                    self.console_errors.append("%s: %r" % (path, e))
            i += 1
            self.stopping.wait(2)

    def socat(self, names):
        procs = []
        for name in names:
            p = os.path.join(self.d, "pty", name)
            procs.append(subprocess.Popen(
                ["socat", "pty,raw,echo=0,link=%s-in" % p, "pty,raw,echo=0,link=%s-dev" % p],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for name in names:
            p = os.path.join(self.d, "pty", name + "-dev")
            while not os.path.exists(p):
                time.sleep(0.05)
        return procs

    def drop_book(self, n):
        rnd = random.Random(1000 + n)
        name = os.path.join(self.d, "inbox", "book-%03d.csv" % n)
        with open(name + ".tmp", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["sku", "location", "book_qty"])
            for loc in sorted(self.book):
                for sku, qty in self.book[loc]:
                    if rnd.random() < 0.01:
                        qty += rnd.randint(1, 20)
                    w.writerow([sku, loc, qty])
        os.rename(name + ".tmp", name)
        open(name + ".done", "w").close()

    def log_since(self):
        with open(os.path.join(self.d, "service.log"), errors="replace") as f:
            f.seek(self.log_pos)
            text = f.read()
            self.log_pos = f.tell()
        return text.splitlines()

    def sample(self, t0):
        pid = self.service.proc.pid
        status = open("/proc/%d/status" % pid).read()
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024
        threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
        fds = len(os.listdir("/proc/%d/fd" % pid))
        # The class histogram runs a full GC first: its total is the heap live after it. (GC.run
        # then GC.heap_info's "used" read 30 MB more than that here: regions, not objects.)
        info = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True,
                              text=True, timeout=120).stdout
        m = re.search(r"Total\s+\d+\s+(\d+)", info)
        heap = int(m.group(1)) // 1_000_000 if m else -1
        db = os.path.getsize(os.path.join(self.d, "data", "dockcount.mv.db")) / 1e6
        try:
            stored = sum(s["scans"] for s in self.api("/api/stations"))
        except Exception as e:  # a sample without the console's figure says so
            stored = "error %s" % e
        runs, warns, errors = [], 0, 0
        for line in self.log_since():
            m = re.search(r"run \d+ \(.*\) saved: \d+ lines, \d+ new tasks, in (\d+) ms", line)
            if m:
                runs.append(int(m.group(1)))
            if " WARN " in line:
                warns += 1
            if " ERROR " in line:
                errors += 1
        with self.lock:
            recent = [a for a in self.acks if a[1] > time.time() - 60 and a[2] is not None]
            sent = len(self.acks)
        lat = sorted(a[2] * 1000 for a in recent)
        row = {
            "minute": round((time.time() - t0) / 60), "rss_mb": rss, "heap_after_gc_mb": heap,
            "threads": threads, "fds": fds, "db_mb": round(db, 1), "journal_scans": stored,
            "frames_sent": sent,
            "ack_p50_ms": round(lat[len(lat) // 2], 1) if lat else "",
            "ack_p99_ms": round(lat[int(len(lat) * 0.99)], 1) if lat else "",
            "runs": len(runs), "run_p50_ms": statistics.median(runs) if runs else "",
            "run_max_ms": max(runs) if runs else "", "warn": warns, "error": errors,
            "slack_posts": Slack.posts,
            "outbox_files": len(os.listdir(os.path.join(self.d, "outbox"))),
        }
        return row

    def main(self):
        a = self.a
        os.makedirs(self.d, exist_ok=True)
        self.codes, self.book = prepare(self.d, a.book_rows, 4)
        shutil.copy(JAR, os.path.join(self.d, "dockcount.jar"))  # builds may replace target/
        zones = sorted({loc.split("-")[0] for loc in self.book})
        stations = [("S%02d" % (i + 1), zones[i % len(zones)]) for i in range(a.stations)]
        site_conf(self.d, stations, a.port)
        slack = http.server.ThreadingHTTPServer(("127.0.0.1", a.port + 1), Slack)
        threading.Thread(target=slack.serve_forever, daemon=True).start()
        socats = self.socat([s for s, _ in stations])
        self.service = Service(self.d, a.heap)
        ready = self.service.start(stations)
        print("service ready after %.1f s, pid %d" % (ready, self.service.proc.pid), flush=True)
        t0 = time.time()
        by_zone = {}
        for loc in self.book:
            by_zone.setdefault(loc.split("-")[0], []).append(loc)
        counters = []
        for i, (name, zone) in enumerate(stations):
            mine = sorted(by_zone[zone])[i // len(zones)::a.stations // len(zones) or 1]
            random.Random(i).shuffle(mine)
            counters.append(Counter(self, name, zone, mine, seed=i))
        for c in counters:
            c.start()
            time.sleep(0.3)
        threading.Thread(target=self.supervisor, args=(zones,), daemon=True).start()
        samples = open(os.path.join(self.d, "samples.csv"), "w", newline="")
        writer = None
        drops = 0
        end = t0 + a.minutes * 60
        next_sample = t0 + 60
        while time.time() < end:
            time.sleep(max(0, min(next_sample, end) - time.time()))
            if time.time() >= next_sample:
                next_sample += 60
                row = self.sample(t0)
                writer = log_sample(samples, writer, row)
                if row["minute"] % a.wms_every == 0:
                    drops += 1
                    self.drop_book(drops)
                for f in os.listdir(os.path.join(self.d, "outbox")):  # the WMS takes them
                    if f.endswith(".csv"):
                        os.remove(os.path.join(self.d, "outbox", f))
        self.wind_down(counters, drops, socats, slack)

    def wind_down(self, counters, drops, socats, slack):
        """Stops the counters, lets the last scans land, reads the results, ends the rest."""
        self.stopping.set()
        for c in counters:
            c.join(60)
        time.sleep(5)
        self.finish(drops)
        for p in socats:
            p.terminate()
        slack.shutdown()

    def finish(self, drops):
        out = []
        stations_before = self.api("/api/stations")
        overview_before = self.api("/api/overview")
        json.dump({"stations": stations_before, "overview": overview_before},
                  open(os.path.join(self.d, "before-stop.json"), "w"), indent=1)
        acks = self.acks
        good = [a for a in acks if a[3] == "GOOD COUNT"]
        voids = [a for a in acks if a[3] == "GOOD VOID"]
        none = [a for a in acks if a[3] == "NONE"]
        lat = sorted(a[2] * 1000 for a in acks if a[2] is not None)
        by_outcome = {}
        for a in acks:
            by_outcome[a[3]] = by_outcome.get(a[3], 0) + 1
        out.append("frames sent %d; outcomes %s" % (len(acks), json.dumps(by_outcome)))
        out.append("ack latency ms: p50 %.1f p99 %.1f max %.1f" % (
            lat[len(lat) // 2], lat[int(len(lat) * 0.99)], lat[-1]))
        out.append("WMS books dropped %d; slack posts %d; console reads %d, failed %d %s" % (
            drops, Slack.posts, self.console_reads, len(self.console_errors),
            self.console_errors[:3]))
        stored = sum(s["scans"] for s in stations_before)
        out.append("driver: %d counts acked GOOD, %d voids acked, %d eaches net, %d scans"
                   " refused; console scans stored %d" % (len(good), len(voids), self.eaches,
                   by_outcome.get("BAD REJECTED", 0), stored))
        out.append("WMS books taken: %d" % len(os.listdir(os.path.join(self.d, "inbox",
                                                                     "processed"))))
        with open(os.path.join(self.d, "acks.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["station", "sent", "latency_ms", "outcome", "detail", "frame"])
            for a in acks:
                w.writerow([a[0], "%.3f" % a[1], "" if a[2] is None else "%.1f" % (a[2] * 1000),
                            a[3], a[4], a[5].replace(GS, "<GS>")])
        db = os.path.join(self.d, "data", "dockcount.mv.db")
        before = os.path.getsize(db) / 1e6
        rc, took = self.service.stop()
        out.append("SIGTERM: exit %d after %.1f s; file %.1f MB -> %.1f MB" % (
            rc, took, before, os.path.getsize(db) / 1e6))
        out.append("journal (H2, stopped): " + self.journal())
        ready = self.service.start([(s["station"], "") for s in stations_before])
        stations_after = self.api("/api/stations")
        overview_after = self.api("/api/overview")
        json.dump({"stations": stations_after, "overview": overview_after},
                  open(os.path.join(self.d, "after-restart.json"), "w"), indent=1)
        after = sum(s["scans"] for s in stations_after)
        out.append("restart: ready after %.1f s; console scans stored %d (before the stop %d)"
                   % (ready, after, stored))
        rc, took = self.service.stop()
        out.append("second SIGTERM: exit %d after %.1f s" % (rc, took))
        if self.errors or none:
            out.append("driver errors %s; scans without an answer %d" % (self.errors, len(none)))
        out.append(self.table())
        text = "\n".join(out)
        print(text)
        open(os.path.join(self.d, "summary.txt"), "w").write(text + "\n")

    def table(self):
        """The samples every 10 minutes, as the markdown table docs/BENCHMARKS.md shows."""
        cols = ["minute", "rss_mb", "heap_after_gc_mb", "threads", "fds", "db_mb",
                "journal_scans", "ack_p50_ms", "ack_p99_ms", "runs", "run_p50_ms", "run_max_ms"]
        with open(os.path.join(self.d, "samples.csv"), newline="") as f:
            rows = [r for r in csv.DictReader(f) if int(r["minute"]) % 10 == 0]
        lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        lines += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in rows]
        return "\n".join(lines)

    def journal(self):
        url = "jdbc:h2:file:%s/data/dockcount;ACCESS_MODE_DATA=r" % self.d
        sql = ("SELECT kind, COUNT(*), SUM(eaches) FROM count_record GROUP BY kind ORDER BY kind;"
               "SELECT COUNT(*) FROM rejected_scan; SELECT COUNT(*) FROM recon_run;"
               "SELECT COUNT(*) FROM location_event")
        r = subprocess.run(["java", "-cp", os.path.join(self.d, "dockcount.jar"),
                            "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "",
                            "-sql", sql], capture_output=True, text=True)
        return " | ".join(l.strip() for l in (r.stdout + r.stderr).splitlines() if l.strip())


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--minutes", type=float, default=60)
    p.add_argument("--stations", type=int, default=16)
    p.add_argument("--port", type=int, default=22030)
    p.add_argument("--book-rows", type=int, default=20000)
    p.add_argument("--wms-every", type=int, default=10)
    p.add_argument("--heap", default="768m")
    Soak(p.parse_args()).main()

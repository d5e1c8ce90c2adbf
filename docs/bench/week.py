#!/usr/bin/env python3
"""A week of the service's time-driven work in about an hour: `dockcount run` (the fat jar) with
its clock-driven settings scaled so that one simulated hour takes --hour seconds (default 20 s:
a day in 8 minutes, a week in 56), counters at stations on socat pseudo-terminals working two
shifts a day, sampled every minute and at the end of every simulated day, then stopped with
SIGTERM and started again to see every count still there. Developer tool, not part of the tests;
loopback only. Reuses docs/bench/soak.py's service, counter and sampling pieces.

  python3 docs/bench/week.py --dir /tmp/h76-week [--days 7] [--hour 20] [--port 22240]

Scaled by hour/3600 (the defaults in brackets): the zone cycle (15 min: 5 s), a backup (1 h:
20 s), a WMS book dropped (1 h: 20 s), the export interval, the alert digest's wait, a station's
silence alert, the console's session idle and maximum (30 min and 12 h), the snapshot age. Not
scaled: H2's own timings (its 5 s retention time, the guardian's 10 s compaction), the ack path.

Each simulated day: shifts 06-14 and 14-22 with a 30-minute break, new badges each shift, no
counting at night; a supervisor logs in each shift (a session of its own, left to expire at the
late shift's end), reads the console every 2 s with the open view meanwhile, a failed login a
day; from day 3 a supervisor closes one zone at 21:00 (its uncounted lines become tasks) and
its counters move to the next zone. Writes under DIR what soak.py writes, plus days.csv (one row
per simulated day) and hist-dayN.txt (the class histogram's top at each day's end), and
tables-dayN.txt (row counts of every table, read from that day's last verified backup).
"""
import argparse
import collections
import csv
import glob
import http.cookies
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import soak  # noqa: E402


def scaled(hour, real_seconds):
    """A real-time setting in the week's wall time, as HOCON milliseconds (at least 200 ms)."""
    return "%dms" % max(200, round(real_seconds * hour / 3600 * 1000))


def site_conf(d, stations, port, hour, user_hash, backup_hours):
    lines = [
        'dockcount.store.path = "%s/data/dockcount"' % d,
        'dockcount.backup { dir = "%s/backup", interval = %s }'
        % (d, scaled(hour, 3600 * backup_hours)),
        'dockcount.inputs { book = "%s/gen/book.csv", items = "%s/gen/items.csv",' % (d, d),
        '  uom = "%s/gen/uom.csv", barcodes = "%s/gen/barcodes.csv" }' % (d, d),
        "dockcount.cycle { interval = %s, after-close = %s }"
        % (scaled(hour, 900), scaled(hour, 60)),
        'dockcount.wms { max-snapshot-age = %s,' % scaled(hour, 86400),
        '  file-drop { inbox = "%s/inbox", poll-interval = 2s }' % d,
        '  export { mode = csv, outbox = "%s/outbox", interval = %s } }'
        % (d, scaled(hour, 60)),
        'dockcount.console { port = %d, open-view = true, api-token-file = "%s/api-token",'
        % (port, d),
        '  users = [ { name = "sup", hash = "%s" } ],' % user_hash,
        '  session { idle = %s, max = %s } }' % (scaled(hour, 1800), scaled(hour, 43200)),
        "dockcount.counting { print-feedback = true, silence-alert = %s }"
        % scaled(hour, 600),
        "dockcount.alerts { dry-run = false, digest.max-wait = %s }" % scaled(hour, 900),
        "dockcount.alerts.slack.webhook-url-file = \"%s/slack-url\"" % d,
    ]
    soak.write_site(d, lines, stations, port, "week")


class Floor:
    """The locations left to count, zone by zone, shared by every counter."""

    def __init__(self, book):
        self.lock = threading.Lock()
        self.left = collections.OrderedDict()
        for loc in sorted(book):
            self.left.setdefault(loc.split("-")[0], []).append(loc)
        for i, locs in enumerate(self.left.values()):
            random.Random(i).shuffle(locs)
        self.closed = set()

    def take(self, zone):
        """A location to count: of the zone given, else of the next open zone with some left."""
        with self.lock:
            zones = list(self.left)
            start = zones.index(zone)
            for z in zones[start:] + zones[:start]:
                if z not in self.closed and self.left[z]:
                    return z, self.left[z].pop()
            return None, None

    def close(self, zone):
        with self.lock:
            self.closed.add(zone)


class ShiftCounter(soak.Counter):
    """A station's counters, one badge a shift, counting only while a shift is on."""

    def __init__(self, week, name, zone, seed):
        super().__init__(week, name, zone, [], seed)
        self.week = week

    def think(self, lo=0.3, hi=0.9):
        time.sleep(self.rnd.uniform(lo * self.week.pace, hi * self.week.pace))

    def shift(self):
        while not self.soak.stopping.is_set():
            shift = self.week.shift_on()
            if shift is None:
                self.soak.sleep_unless_stopping(1)
                continue
            self.login()
            on_break = False
            while self.week.shift_on() == shift and not self.soak.stopping.is_set():
                if not on_break and self.week.break_time():
                    on_break = True
                    self.soak.sleep_unless_stopping(self.week.hour / 2)
                if self.recount and self.rnd.random() < 0.3:
                    location = self.recount.pop(0)
                else:
                    self.zone, location = self.week.floor.take(self.zone)
                    if location is None:
                        self.zone = self.week.first_zone
                        self.soak.sleep_unless_stopping(2)
                        continue
                self.count_location(location)
            self.scan("CTL:LOGOUT")


class Week(soak.Soak):
    def __init__(self, a):
        super().__init__(a)
        self.hour = a.hour
        self.pace = a.pace
        self.days = []
        self.t0 = None

    def sim_hours(self):
        return (time.time() - self.t0) / self.hour

    def shift_on(self):
        """The shift counting now, as (day, 0 early or 1 late), or None at night."""
        h = self.sim_hours()
        if not 6 <= h % 24 < 22:
            return None
        return int(h // 24), int((h % 24 - 6) // 8)

    def break_time(self):
        return 3.5 <= (self.sim_hours() % 24 - 6) % 8 < 4.5

    def supervisor_sessions(self, zones):
        """Logs in each shift; reads with the session; a wrong password once a day."""
        day_done = -1
        while not self.stopping.is_set():
            h = self.sim_hours()
            day, hod = int(h // 24), h % 24
            if hod >= 6 and day_done != day:
                day_done = day
                self.login("sup", "wrong password here")
            cookie = self.login("sup", self.a.password) if 6 <= hod < 22 else None
            if cookie is None:
                self.stopping.wait(5)
            end = self.t0 + (day * 24 + (14 if hod < 14 else 22)) * self.hour
            while cookie and time.time() < end and not self.stopping.is_set():
                for path in ("/api/session", "/api/overview", "/api/actions"):
                    try:
                        self.api_as(path, cookie)
                        self.console_reads += 1
                    except Exception as e:  # counted as soak.py counts its reads' failures
                        self.console_errors.append("%s: %r" % (path, e))
                self.stopping.wait(3)
            self.stopping.wait(1)

    def login(self, user, password):
        req = urllib.request.Request(
            "http://127.0.0.1:%d/api/login" % self.a.port, method="POST",
            data=json.dumps({"user": user, "password": password}).encode(),
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                c = http.cookies.SimpleCookie(r.headers.get("Set-Cookie", ""))
                return "; ".join("%s=%s" % (k, m.value) for k, m in c.items())
        except urllib.error.HTTPError as e:
            e.read()
            return None

    def api_as(self, path, cookie):
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.a.port, path),
                                     headers={"Cookie": cookie})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.load(r)

    def close_zone(self, zone):
        token = open(os.path.join(self.d, "api-token")).read().strip()
        req = urllib.request.Request(
            "http://127.0.0.1:%d/api/zones/%s/close" % (self.a.port, zone), method="POST",
            data=b"{}", headers={"Authorization": "Bearer " + token,
                                 "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                body = json.load(r)
        except urllib.error.HTTPError as e:
            body = {"status": e.code, "body": e.read().decode(errors="replace")[:300]}
        self.floor.close(zone)
        with open(os.path.join(self.d, "zone-closes.txt"), "a") as f:
            f.write("%s %s\n" % (zone, json.dumps(body)[:2000]))

    def tables(self, day):
        """Row counts of every table and the live size, from the newest verified backup."""
        zips = sorted(glob.glob(os.path.join(self.d, "backup", "dockcount-*.zip")),
                      key=os.path.getmtime)
        if not zips:
            return {}
        tmp = tempfile.mkdtemp(dir=self.d)
        try:
            with zipfile.ZipFile(zips[-1]) as z:
                z.extractall(tmp)
            db = os.path.join(tmp, "dockcount.mv.db")
            size = os.path.getsize(db)
            url = "jdbc:h2:file:%s/dockcount" % tmp
            shell = ["java", "-Xmx256m", "-cp", os.path.join(self.d, "dockcount.jar"),
                     "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", ""]
            names = subprocess.run(shell + ["-sql", "SELECT TABLE_NAME FROM "
                                            "INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA="
                                            "'PUBLIC' ORDER BY 1"],
                                   capture_output=True, text=True).stdout.split()
            names = [n for n in names[1:] if re.fullmatch(r"[A-Za-z_][A-Za-z_0-9]*", n)]
            sql = " UNION ALL ".join("SELECT '%s', COUNT(*) FROM \"%s\"" % (n, n)
                                     for n in names)
            sql += "; SHUTDOWN COMPACT"
            out = subprocess.run(shell + ["-sql", sql], capture_output=True, text=True).stdout
            rows = {}
            for line in out.splitlines():
                m = re.match(r"\s*([A-Za-z_0-9]+)\s*\|\s*(\d+)", line)
                if m:
                    rows[m.group(1).lower()] = int(m.group(2))
            rows["_backup_file_mb"] = round(size / 1e6, 1)
            rows["_live_mb"] = round(os.path.getsize(db) / 1e6, 1)
            with open(os.path.join(self.d, "tables-day%d.txt" % day), "w") as f:
                f.write("%s\n%s\n" % (zips[-1], json.dumps(rows, indent=1, sort_keys=True)))
            return rows
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def quiet_heap(self):
        """The live heap taken while no backup is being written: the backup's verification
        opens the copy in the service's own JVM, and at a backup every 20 s a histogram taken
        at any moment caught that copy's pages in most samples (up to 400 MB against 45)."""
        for _ in range(60):
            if not any(f.endswith(".partial") for f in os.listdir(os.path.join(self.d,
                                                                              "backup"))):
                break
            time.sleep(0.3)
        info = subprocess.run(["jcmd", str(self.service.proc.pid), "GC.class_histogram"],
                              capture_output=True, text=True, timeout=120).stdout
        m = re.search(r"Total\s+\d+\s+(\d+)", info)
        return int(m.group(1)) // 1_000_000 if m else -1

    def day_sample(self, day, minute_row):
        pid = self.service.proc.pid
        hist = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True,
                              text=True, timeout=120).stdout
        with open(os.path.join(self.d, "hist-day%d.txt" % day), "w") as f:
            f.write("\n".join(hist.splitlines()[:80]) + "\n")

        def du(path):
            total = 0
            for root, _, files in os.walk(path):
                total += sum(os.path.getsize(os.path.join(root, x)) for x in files)
            return round(total / 1e6, 2)
        try:
            rows = self.tables(day)
        except (OSError, zipfile.BadZipFile) as e:  # a backup rotated away while read
            rows = {"_error": repr(e)}
        with self.lock:
            lat = sorted(a[2] * 1000 for a in self.acks if a[2] is not None
                         and a[1] >= self.t0 + (day - 1) * 24 * self.hour)
        row = dict(day=day, rss_mb=minute_row["rss_mb"],
                   heap_after_gc_mb=minute_row["heap_after_gc_mb"],
                   quiet_heap_mb=self.quiet_heap(),
                   threads=minute_row["threads"], fds=minute_row["fds"],
                   db_mb=minute_row["db_mb"], live_mb=rows.get("_live_mb", ""),
                   counts=rows.get("count_record", ""), runs=rows.get("recon_run", ""),
                   run_lines=rows.get("recon_line", ""), run_blocks=rows.get("recon_block", ""),
                   tasks=rows.get("recount_task", ""), books=rows.get("book_snapshot", ""),
                   outbox=rows.get("notification_outbox", ""),
                   deliveries=rows.get("alert_delivery", ""),
                   log_mb=round(os.path.getsize(os.path.join(self.d, "service.log")) / 1e6, 2),
                   backup_mb=du(os.path.join(self.d, "backup")),
                   processed_mb=du(os.path.join(self.d, "inbox", "processed")),
                   reports_mb=du(os.path.join(self.d, "data", "reports")),
                   ack_p50_ms=round(lat[len(lat) // 2], 1) if lat else "",
                   ack_p99_ms=round(lat[int(len(lat) * 0.99)], 1) if lat else "",
                   slack_posts=soak.Slack.posts)
        self.days.append(row)
        print("DAY " + " ".join("%s=%s" % kv for kv in row.items()), flush=True)
        with open(os.path.join(self.d, "days.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(row))
            w.writeheader()
            w.writerows(self.days)

    def main(self):
        a = self.a
        os.makedirs(self.d, exist_ok=True)
        self.codes, self.book = soak.prepare(self.d, a.book_rows, a.zones)
        shutil.copy(soak.JAR, os.path.join(self.d, "dockcount.jar"))
        user_hash = subprocess.run(
            ["java", "-jar", os.path.join(self.d, "dockcount.jar"), "hash-password"],
            input=a.password + "\n", capture_output=True, text=True, check=True).stdout.strip()
        zones = sorted({loc.split("-")[0] for loc in self.book})
        self.first_zone = zones[0]
        self.floor = Floor(self.book)
        stations = [("S%02d" % (i + 1), zones[i % len(zones)]) for i in range(a.stations)]
        site_conf(self.d, stations, a.port, a.hour, user_hash.splitlines()[-1],
                  a.backup_hours)
        slack = soak.http.server.ThreadingHTTPServer(("127.0.0.1", a.port + 1), soak.Slack)
        threading.Thread(target=slack.serve_forever, daemon=True).start()
        socats = self.socat([s for s, _ in stations])
        self.service = soak.Service(self.d, a.heap)
        ready = self.service.start(stations)
        print("service ready after %.1f s, pid %d" % (ready, self.service.proc.pid), flush=True)
        self.t0 = time.time()
        counters = [ShiftCounter(self, n, z, seed=i) for i, (n, z) in enumerate(stations)]
        for c in counters:
            c.start()
        threading.Thread(target=self.supervisor, args=(zones,), daemon=True).start()
        threading.Thread(target=self.supervisor_sessions, args=(zones,), daemon=True).start()
        samples = open(os.path.join(self.d, "samples.csv"), "w", newline="")
        writer = None
        drops = 0
        closes = 0
        end = self.t0 + a.days * 24 * a.hour
        next_sample, next_drop, next_day = self.t0 + 60, self.t0 + a.hour, self.t0
        next_day += 24 * a.hour
        row = None
        while time.time() < end + 1:
            time.sleep(0.5)
            now = time.time()
            h = self.sim_hours()
            if now >= next_drop:
                next_drop += a.hour * a.wms_hours
                drops += 1
                self.drop_book(drops)
                for f in os.listdir(os.path.join(self.d, "outbox")):  # the WMS takes them
                    if f.endswith(".csv"):
                        os.remove(os.path.join(self.d, "outbox", f))
            if h >= 24 * 2 + 21 + 24 * closes and closes < len(zones):
                threading.Thread(target=self.close_zone, args=(zones[closes],),
                                 daemon=True).start()
                closes += 1
            if now >= next_sample:
                next_sample += 60
                row = self.sample(self.t0)
                row["sim_hours"] = round(h, 1)
                writer = soak.log_sample(samples, writer, row)
            if now >= next_day and row is not None:
                next_day += 24 * a.hour
                self.day_sample(len(self.days) + 1, self.sample(self.t0))
        self.wind_down(counters, drops, socats, slack)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--days", type=float, default=7)
    p.add_argument("--hour", type=float, default=20, help="wall seconds per simulated hour")
    p.add_argument("--stations", type=int, default=12)
    p.add_argument("--zones", type=int, default=4)
    p.add_argument("--port", type=int, default=22240)
    p.add_argument("--book-rows", type=int, default=20000)
    p.add_argument("--wms-hours", type=float, default=1, help="simulated hours between books")
    p.add_argument("--backup-hours", type=float, default=1,
                   help="simulated hours between backups")
    p.add_argument("--pace", type=float, default=1.0, help="think time factor")
    p.add_argument("--heap", default="768m")
    p.add_argument("--password", default="soak-supervisor-pass")
    Week(p.parse_args()).main()

-- dockcount store, first version.
-- Journal tables (count_record, location_event, rejected_scan) are append-only and ordered by
-- seq, one number line shared by all of them: the Pi has no battery clock, so wall times are
-- kept for people only, with whether the clock was synchronized when they were taken.
-- SKUs, locations and lots are text: leading zeros are kept. Money is exact NUMERIC.

CREATE TABLE item (
  sku         VARCHAR(64)  NOT NULL PRIMARY KEY,
  description VARCHAR(500),
  unit_cost   NUMERIC(24, 9),            -- null: unknown, never 0
  sku_class   VARCHAR(32)
);

CREATE TABLE uom (
  sku             VARCHAR(64) NOT NULL,
  unit            VARCHAR(32) NOT NULL,  -- canonical unit code
  eaches_per_unit BIGINT      NOT NULL CHECK (eaches_per_unit > 0),
  PRIMARY KEY (sku, unit)
);

CREATE TABLE barcode (
  code VARCHAR(64) NOT NULL PRIMARY KEY,
  sku  VARCHAR(64) NOT NULL,
  unit VARCHAR(32) NOT NULL
);

CREATE TABLE book_snapshot (
  id           BIGINT       NOT NULL PRIMARY KEY,
  source       VARCHAR(1000) NOT NULL,
  content_hash VARCHAR(64)  NOT NULL,
  line_count   INT          NOT NULL,
  loaded_wall  TIMESTAMP WITH TIME ZONE NOT NULL,
  clock_synced VARCHAR(16)  NOT NULL
);

CREATE TABLE book_line (
  snapshot_id BIGINT      NOT NULL REFERENCES book_snapshot (id),
  location    VARCHAR(64) NOT NULL,
  sku         VARCHAR(64) NOT NULL,
  lot         VARCHAR(64) NOT NULL,      -- '' for no lot
  eaches      BIGINT      NOT NULL,      -- may be negative
  PRIMARY KEY (snapshot_id, location, sku, lot)
);

-- A count (kind COUNT) or the void of an earlier one (kind VOID, void_of = its seq).
CREATE TABLE count_record (
  seq          BIGINT       NOT NULL PRIMARY KEY,
  kind         VARCHAR(8)   NOT NULL CHECK (kind IN ('COUNT', 'VOID')),
  zone         VARCHAR(64)  NOT NULL,
  station      VARCHAR(64)  NOT NULL,
  counter      VARCHAR(64)  NOT NULL,
  location     VARCHAR(64)  NOT NULL,
  sku          VARCHAR(64)  NOT NULL,
  unit         VARCHAR(32)  NOT NULL,
  qty          NUMERIC(24, 9) NOT NULL,
  eaches       BIGINT       NOT NULL,
  lot          VARCHAR(64)  NOT NULL,
  raw          VARCHAR(1000) NOT NULL,
  station_seq  BIGINT       NOT NULL,    -- station's own number (a void: the voided seq)
  round        INT          NOT NULL,    -- 0 first count, 1.. recounts
  snapshot_id  BIGINT,                   -- the book in force when counted (null: a void)
  void_of      BIGINT,
  wall         TIMESTAMP WITH TIME ZONE NOT NULL,
  clock_synced VARCHAR(16)  NOT NULL,
  CONSTRAINT count_record_station_seq UNIQUE (station, station_seq, kind),
  CONSTRAINT count_record_void_once UNIQUE (void_of)
);
CREATE INDEX count_record_zone ON count_record (zone, seq);

CREATE TABLE location_event (
  seq          BIGINT       NOT NULL PRIMARY KEY,
  zone         VARCHAR(64)  NOT NULL,
  location     VARCHAR(64)  NOT NULL,
  state        VARCHAR(24)  NOT NULL,    -- the state the location entered
  round        INT          NOT NULL,
  by_whom      VARCHAR(64)  NOT NULL,
  note         VARCHAR(1000) NOT NULL,
  wall         TIMESTAMP WITH TIME ZONE NOT NULL,
  clock_synced VARCHAR(16)  NOT NULL
);
CREATE INDEX location_event_zone ON location_event (zone, seq);

CREATE TABLE rejected_scan (
  seq          BIGINT       NOT NULL PRIMARY KEY,
  station      VARCHAR(64)  NOT NULL,
  counter      VARCHAR(64)  NOT NULL,
  location     VARCHAR(64)  NOT NULL,
  sku          VARCHAR(64)  NOT NULL,
  raw          VARCHAR(1000) NOT NULL,
  reason       VARCHAR(1000) NOT NULL,
  wall         TIMESTAMP WITH TIME ZONE NOT NULL,
  clock_synced VARCHAR(16)  NOT NULL
);

CREATE TABLE recon_run (
  id           BIGINT       NOT NULL PRIMARY KEY,
  zone         VARCHAR(64)  NOT NULL,
  trigger_kind VARCHAR(16)  NOT NULL,    -- SCHEDULED or HIGH_VALUE
  through_seq  BIGINT       NOT NULL,    -- last journal record the run saw
  snapshot_id  BIGINT,
  line_count   INT          NOT NULL,
  net_value    NUMERIC(24, 9) NOT NULL,
  abs_value    NUMERIC(24, 9) NOT NULL,
  lines_without_value INT   NOT NULL,
  tasks_created INT         NOT NULL,
  wall         TIMESTAMP WITH TIME ZONE NOT NULL,
  clock_synced VARCHAR(16)  NOT NULL
);
CREATE INDEX recon_run_zone ON recon_run (zone, id);

CREATE TABLE recon_line (
  run_id         BIGINT       NOT NULL REFERENCES recon_run (id),
  location       VARCHAR(64)  NOT NULL,
  sku            VARCHAR(64)  NOT NULL,
  status         VARCHAR(16)  NOT NULL,
  book_eaches    BIGINT,
  counted_eaches BIGINT,
  variance       BIGINT,
  unit_cost      NUMERIC(24, 9),
  variance_value NUMERIC(24, 9),
  flags          VARCHAR(200) NOT NULL,
  reason         VARCHAR(1000),
  PRIMARY KEY (run_id, location, sku)
);

CREATE TABLE recount_task (
  id             BIGINT       NOT NULL PRIMARY KEY,
  zone           VARCHAR(64)  NOT NULL,
  location       VARCHAR(64)  NOT NULL,
  sku            VARCHAR(64)  NOT NULL,
  round          INT          NOT NULL,  -- the count round whose variance asked for it
  run_id         BIGINT       NOT NULL REFERENCES recon_run (id),
  variance       BIGINT,
  variance_value NUMERIC(24, 9),
  reason         VARCHAR(1000) NOT NULL,
  status         VARCHAR(16)  NOT NULL,  -- OPEN, DONE
  CONSTRAINT recount_task_once UNIQUE (location, sku, round)
);

-- Alerts waiting to be sent; written now, sent by the alerts issue's notifier.
CREATE TABLE notification_outbox (
  id           BIGINT       NOT NULL PRIMARY KEY,
  kind         VARCHAR(32)  NOT NULL,
  zone         VARCHAR(64)  NOT NULL,
  location     VARCHAR(64)  NOT NULL,
  sku          VARCHAR(64)  NOT NULL,
  message      VARCHAR(2000) NOT NULL,
  sent         BOOLEAN      NOT NULL DEFAULT FALSE,
  wall         TIMESTAMP WITH TIME ZONE NOT NULL,
  clock_synced VARCHAR(16)  NOT NULL
);

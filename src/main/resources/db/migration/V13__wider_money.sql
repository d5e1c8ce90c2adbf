-- Money columns take 31 whole digits (NUMERIC(40, 9)), not 15: a cost or a variance value of
-- 10^15 and more (an EAN-13 in a WMS's cost column against a large count) made every save of
-- its zone's run fail. A cost is at most a long's digits and a count at most 10^12 eaches, so a
-- value stays below 10^31. Quantities keep their width.
ALTER TABLE recon_run ALTER COLUMN net_value SET DATA TYPE NUMERIC(40, 9);
ALTER TABLE recon_run ALTER COLUMN abs_value SET DATA TYPE NUMERIC(40, 9);
ALTER TABLE recon_line ALTER COLUMN unit_cost SET DATA TYPE NUMERIC(40, 9);
ALTER TABLE recon_line ALTER COLUMN variance_value SET DATA TYPE NUMERIC(40, 9);
ALTER TABLE recount_task ALTER COLUMN variance_value SET DATA TYPE NUMERIC(40, 9);
ALTER TABLE recount_task_change ALTER COLUMN variance_value SET DATA TYPE NUMERIC(40, 9);
ALTER TABLE notification_outbox ALTER COLUMN variance_value SET DATA TYPE NUMERIC(40, 9);
ALTER TABLE alert_delivery ALTER COLUMN abs_value SET DATA TYPE NUMERIC(40, 9);

-- A count now carries what identifies one physical unit, so a zone can refuse a pallet (SSCC)
-- or a serialized unit (GTIN + AI 21 serial) counted twice in the same count round, at any
-- station. Empty strings for plain units and for rows written before this version.
ALTER TABLE count_record ADD COLUMN gtin VARCHAR(14) DEFAULT '' NOT NULL;
ALTER TABLE count_record ADD COLUMN serial VARCHAR(20) DEFAULT '' NOT NULL;
ALTER TABLE count_record ADD COLUMN sscc VARCHAR(18) DEFAULT '' NOT NULL;

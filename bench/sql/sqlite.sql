-- scripts/bench.sh: SQLite's run, in the directory of the generated files (sqlite3 :memory: < this).
CREATE TABLE data (region TEXT, indicator TEXT, year INTEGER, value REAL);
CREATE TABLE targets (indicator TEXT, year INTEGER, op TEXT, threshold REAL, kind TEXT, a TEXT, b TEXT, from_year INTEGER);
.import --csv --skip 1 long.csv data
.import --csv --skip 1 targets.csv targets
CREATE INDEX data_key ON data (region, indicator, year);
.read SQL_DIR/compare.sql
.mode csv
.headers on
.once sqlite-verdicts.csv
SELECT * FROM verdicts;
.once sqlite-summary.csv
SELECT * FROM summary ORDER BY met DESC, missed, region;

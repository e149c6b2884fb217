-- The comparison dabiao makes, in SQL, for the peers of scripts/bench.sh (SQLite, DuckDB): the
-- tables `data` (region, indicator, year, value: bench/generate.py's long.csv) and `targets`
-- (targets.csv) are loaded by the caller; this makes `verdicts` (one row per region and due
-- target: met, missed or no data) and `summary` (per region: met, missed, no data; ranked).
CREATE TABLE derived AS
SELECT a.region, t.indicator, a.year, (a.value + b.value) / 2 AS value
FROM (SELECT DISTINCT indicator, a, b FROM targets WHERE kind = 'derived') t
JOIN data a ON a.indicator = t.a
JOIN data b ON b.indicator = t.b AND b.region = a.region AND b.year = a.year;
CREATE TABLE vals AS SELECT region, indicator, year, value FROM data UNION ALL SELECT * FROM derived;
CREATE TABLE regions AS SELECT DISTINCT region FROM data;
CREATE TABLE verdicts AS
SELECT r.region, t.indicator, t.year,
       CASE WHEN v.value IS NULL THEN 'no data'
            WHEN (t.op = '>=' AND v.value >= t.threshold) OR (t.op = '<=' AND v.value <= t.threshold) THEN 'met'
            ELSE 'missed' END AS verdict
FROM regions r CROSS JOIN targets t
LEFT JOIN vals v ON v.region = r.region AND v.indicator = t.indicator AND v.year = t.year
WHERE t.kind <> 'cumulative'
UNION ALL
SELECT r.region, t.indicator, t.year,
       CASE WHEN COUNT(d.value) < t.year - t.from_year + 1 THEN 'no data'
            WHEN SUM(d.value) >= t.threshold THEN 'met' ELSE 'missed' END
FROM regions r CROSS JOIN targets t
LEFT JOIN data d ON d.region = r.region AND d.indicator = t.indicator AND d.year BETWEEN t.from_year AND t.year
WHERE t.kind = 'cumulative'
GROUP BY r.region, t.indicator, t.year, t.threshold, t.from_year;
CREATE TABLE summary AS
SELECT region, SUM(CASE WHEN verdict = 'met' THEN 1 ELSE 0 END) AS met,
       SUM(CASE WHEN verdict = 'missed' THEN 1 ELSE 0 END) AS missed,
       SUM(CASE WHEN verdict = 'no data' THEN 1 ELSE 0 END) AS no_data
FROM verdicts GROUP BY region;

// Runs SQL files, then one query, in an in-memory DuckDB through its Node.js package
// (@duckdb/node-api, found through NODE_PATH); prints the query's rows, fields joined by "|",
// NULL as nothing. Used by the DuckDB cases of tests/unit/sql_plan_test.cpp (scripts/duckdb-test.sh).
//   node scripts/duckdb-run.js QUERY FILE.sql...
'use strict';
const fs = require('fs');
const { DuckDBInstance } = require('@duckdb/node-api');

(async () => {
  const [query, ...files] = process.argv.slice(2);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  for (const file of files) await connection.run(fs.readFileSync(file, 'utf8'));
  for (const row of (await connection.runAndReadAll(query)).getRows())
    process.stdout.write(row.map((v) => (v === null ? '' : String(v))).join('|') + '\n');
})().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});

// scripts/bench.sh: DuckDB's run (npm @duckdb/node-api), in the directory of the generated files:
//   node duckdb.mjs SQL_DIR NPM_DIR     (NPM_DIR: where `npm install @duckdb/node-api` was run)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const [sqlDir, npmDir] = process.argv.slice(2);
const { DuckDBInstance } = createRequire(`${npmDir}/`)('@duckdb/node-api');
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
await c.run(`CREATE TABLE data AS SELECT * FROM read_csv('long.csv', header = true,
  columns = {'region': 'VARCHAR', 'indicator': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'})`);
await c.run(`CREATE TABLE targets AS SELECT * FROM read_csv('targets.csv', header = true,
  columns = {'indicator': 'VARCHAR', 'year': 'INTEGER', 'op': 'VARCHAR', 'threshold': 'DOUBLE', 'kind': 'VARCHAR',
             'a': 'VARCHAR', 'b': 'VARCHAR', 'from_year': 'INTEGER'})`);
for (const statement of readFileSync(`${sqlDir}/compare.sql`, 'utf8').replace(/^--.*$/mg, '').split(';')) {
  if (statement.trim()) await c.run(statement);
}
await c.run(`COPY verdicts TO 'duckdb-verdicts.csv' (HEADER)`);
await c.run(`COPY (SELECT * FROM summary ORDER BY met DESC, missed, region) TO 'duckdb-summary.csv' (HEADER)`);

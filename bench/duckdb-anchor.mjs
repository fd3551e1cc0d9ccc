// The anchor of bench/region.sh: DuckDB loads the region's scores from one
// CSV (participant,task,score; no header) into a table, then groups them by
// task.  Prints the two times in seconds: "LOAD GROUPBY".
// Usage: node duckdb-anchor.mjs SCORES.csv THREADS   (run where
// @duckdb/node-api is installed)
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const c = await db.connect();
await c.run('CREATE TABLE score(participant BIGINT, task VARCHAR, score DOUBLE)');
const quoted = csv.replaceAll("'", "''");
const t0 = process.hrtime.bigint();
await c.run(`INSERT INTO score SELECT * FROM read_csv('${quoted}', header = false,
	columns = {'participant': 'BIGINT', 'task': 'VARCHAR', 'score': 'DOUBLE'})`);
const t1 = process.hrtime.bigint();
const rows = await c.runAndReadAll('SELECT task, count(*), sum(score) FROM score GROUP BY task');
const t2 = process.hrtime.bigint();
if (rows.getRows().length === 0)
	throw new Error('no scores grouped');
const s = (a, b) => (Number(b - a) / 1e9).toFixed(3);
console.log(`${s(t0, t1)} ${s(t1, t2)}`);

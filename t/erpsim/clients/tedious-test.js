// t/erpsim/clients/tedious-test.js: checks erpsim with tedious, a TDS client
// written in JavaScript that shares no code with FreeTDS. Prints TAP.
// Run by t/erpsim/test-tedious.sh, which starts erpsim and passes, in the
// environment, where it listens and what SQLite and the oracle expect:
//   ERPSIM_PORT ERPSIM_USER ERPSIM_PASSWORD ERPSIM_DATABASE ERPSIM_PROFILE
//   ERPSIM_PROFILES (all profiles to check), EXPECT_JSON (a file: see
//   test-tedious.sh), ORACLE_CASES (oracle reports for every customer).
'use strict';

const fs = require('fs');
const { Connection, Request, TYPES } = require('tedious');

const env = process.env;
const expect = JSON.parse(fs.readFileSync(env.EXPECT_JSON, 'utf8'));
let n = 0;
let failed = 0;

function ok(cond, what, detail) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond) {
    failed++;
    if (detail !== undefined) console.log(`# ${String(detail).replace(/\n/g, '\n# ')}`);
  }
}

function is(got, want, what) {
  ok(got === want, what, `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

// The SQL of one query of an HDF profile (Query { name { ... Sql << EOT ... EOT } }).
function profileSql(path, name) {
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  let inQuery = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === `${name} {`) inQuery = true;
    else if (inQuery && l === 'Sql << EOT') {
      const out = [];
      for (i++; i < lines.length && lines[i] !== 'EOT'; i++) out.push(lines[i]);
      return out.join('\n');
    }
  }
  // Not here: the profile it includes (Include = grasp.hdf) has it.
  const inc = lines.map((l) => l.trim()).find((l) => l.startsWith('Include'));
  if (inc) return profileSql(require('path').join(require('path').dirname(path),
    inc.slice(inc.indexOf('=') + 1).trim()), name);
  throw new Error(`${path}: no Query.${name}.Sql`);
}

// How a type moves the receivable (DESIGN.md §4; lib/stmt decides it for the
// product): profiles return stored, unsigned totals.
function sign(vchtype) {
  if (vchtype === 11 || vchtype === 116) return 1n;
  if (vchtype === 45 || vchtype === 4 || vchtype === 115) return -1n;
  return 0n;
}

// balance_opening's result set as the gateway adds it up: ARTotal - APTotal
// of the first row, plus each row's stored Total signed by its VchType.
function openingOf(set) {
  const cols = set ? set.columns : [];
  let sum = null;
  for (const r of set || []) {
    if (sum === null) sum = fen(r[cols.indexOf('ARTotal')]) - fen(r[cols.indexOf('APTotal')]);
    const t = cols.indexOf('VchType');
    if (t >= 0 && r[t] !== null) sum += sign(Number(r[t])) * fen(r[cols.indexOf('Total')]);
  }
  return sum;
}

// A documents_list row's amount: its stored Total, signed by its type.
function amountOf(row, cols) {
  return sign(Number(row[cols.indexOf('VchType')])) * fen(row[cols.indexOf('Total')]);
}

// Money as exact fen from what tedious returns (a JS number for MONEY/FLOAT,
// a number for DECIMAL): through its shortest decimal text, half away from zero.
function fen(v) {
  const s = typeof v === 'number' ? v.toPrecision(15) : String(v);
  const neg = s.startsWith('-');
  const [ip, fp = ''] = (neg ? s.slice(1) : s).split('.');
  const f = (fp + '000').slice(0, 3);
  let x = BigInt(ip) * 100n + BigInt(f.slice(0, 2));
  if (Number(f[2]) >= 5) x += 1n;
  return neg ? -x : x;
}

// Quantity text as the oracle prints it: up to 4 decimals, no trailing zeros.
function qtyText(v) {
  const s = typeof v === 'number' ? v.toPrecision(15) : String(v);
  const neg = s.startsWith('-');
  const [ip, fp = ''] = (neg ? s.slice(1) : s).split('.');
  const f = (fp + '00000').slice(0, 5);
  let x = BigInt(ip) * 10000n + BigInt(f.slice(0, 4));
  if (Number(f[4]) >= 5) x += 1n;
  const int = x / 10000n;
  const frac = (x % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return (neg && x !== 0n ? '-' : '') + int + (frac ? '.' + frac : '');
}

// The oracle's reports, each after a "case<TAB>customer<TAB>from<TAB>to" line.
function parseCases(path) {
  const cases = [];
  let cur = null;
  for (const l of fs.readFileSync(path, 'utf8').split('\n')) {
    const f = l.split('\t');
    if (f[0] === 'case') {
      cur = { customer: f[1], from: f[2], to: f[3], opening: null, docs: [], lines: [] };
      cases.push(cur);
    } else if (f[0] === 'opening') cur.opening = f[1];
    else if (f[0] === 'doc') cur.docs.push(f.slice(1).join('\t'));
    else if (f[0] === 'line') cur.lines.push(f.slice(1).join('\t'));
  }
  return cases;
}

// Every case through one profile's queries; one TAP line per range.
async function checkCases(c, profile, cases) {
  const name = profile.replace(/.*\//, '');
  const byRange = new Map();
  for (const k of cases) {
    const key = `${k.from}..${k.to}`;
    if (!byRange.has(key)) byRange.set(key, []);
    byRange.get(key).push(k);
  }
  for (const [range, list] of byRange) {
    let bad = null;
    let ndocs = 0;
    for (const k of list) {
      if (bad) break;
      try {
        const cu = ['customer', TYPES.VarChar, k.customer];
        const from = ['from', TYPES.VarChar, k.from];
        const to = ['to', TYPES.VarChar, k.to];
        const b = await run(c, profileSql(profile, 'balance_opening'), [cu, ['date', TYPES.VarChar, k.from]]);
        const opening = openingOf(b[0]);
        if (String(opening) !== k.opening) {
          bad = `${k.customer}: opening ${opening}, oracle ${k.opening}`;
          break;
        }
        const d = await run(c, profileSql(profile, 'documents_list'), [cu, from, to,
          ['sale', TYPES.Int, 1], ['salereturn', TYPES.Int, 1], ['receipt', TYPES.Int, 1],
          ['arinc', TYPES.Int, 0], ['ardec', TYPES.Int, 0]]);
        const dc = d[0] ? d[0].columns : [];
        const docs = (d[0] || []).map((r) => [r[dc.indexOf('Vchcode')], r[dc.indexOf('Date')],
          r[dc.indexOf('VchType')], r[dc.indexOf('Number')], r[dc.indexOf('summary')],
          amountOf(r, dc)].join('\t'));
        ndocs += docs.length;
        if (docs.join('\n') !== k.docs.join('\n')) {
          bad = `${k.customer}: documents differ\n${docs.join('\n')}\n--- oracle\n${k.docs.join('\n')}`;
          break;
        }
        const l = await run(c, profileSql(profile, 'documents_lines_range'), [cu, from, to,
          ['sale', TYPES.Int, 1], ['salereturn', TYPES.Int, 1]]);
        const lc = l[0] ? l[0].columns : [];
        const lines = (l[0] || []).map((r) => [r[lc.indexOf('Vchcode')], r[lc.indexOf('UserCode')],
          r[lc.indexOf('FullName')], r[lc.indexOf('Unit')], qtyText(r[lc.indexOf('Qty')]),
          fen(r[lc.indexOf('Price')]), fen(r[lc.indexOf('Amount')])].join('\t'));
        if (lines.join('\n') !== k.lines.join('\n')) {
          const i = lines.findIndex((x, j) => x !== k.lines[j]);
          bad = `${k.customer}: lines differ at ${i}: ${lines[i]} / oracle ${k.lines[i]}`;
        }
      } catch (e) {
        bad = `${k.customer}: ${e.message}`;
      }
    }
    ok(!bad && ndocs > 0, `${name} over TDS: ${range}, ${list.length} customers, ${ndocs} documents,`
      + ' opening, documents and lines equal the oracle', bad);
  }
}

function connect(opts) {
  return new Promise((resolve, reject) => {
    const c = new Connection({
      server: '127.0.0.1',
      authentication: {
        type: 'default',
        options: { userName: opts.user || env.ERPSIM_USER, password: opts.password || env.ERPSIM_PASSWORD },
      },
      options: {
        port: Number(env.ERPSIM_PORT),
        database: opts.database || env.ERPSIM_DATABASE,
        encrypt: false,
        trustServerCertificate: true,
        tdsVersion: opts.tdsVersion || '7_4',
        connectTimeout: 5000,
        requestTimeout: 15000,
        useColumnNames: false,
      },
    });
    const messages = [];
    c.on('errorMessage', (m) => messages.push(m));
    c.on('connect', (err) => {
      if (err) {
        err.messages = messages;
        reject(err);
      } else resolve(c);
    });
    c.on('error', () => {});
    c.connect();
  });
}

// Runs SQL (sp_executesql when params are given, a batch otherwise); resolves
// to the list of result sets, each a list of rows, each a list of values.
function run(c, sql, params, batch) {
  return new Promise((resolve, reject) => {
    const sets = [];
    let cur = null;
    const req = new Request(sql, (err) => {
      if (cur) sets.push(cur);
      return err ? reject(err) : resolve(sets);
    });
    req.on('columnMetadata', (cols) => {
      if (cur) sets.push(cur);
      cur = [];
      cur.columns = cols.map((x) => x.colName);
    });
    req.on('row', (cols) => cur.push(cols.map((x) => x.value)));
    for (const [name, type, value] of params || []) req.addParameter(name, type, value);
    if (batch) c.execSqlBatch(req);
    else c.execSql(req);
  });
}

async function main() {
  let c;
  try {
    c = await connect({});
    ok(c != null && c.state === c.STATE.LOGGED_IN, 'connects at TDS 7.4');
  } catch (e) {
    ok(false, 'connects at TDS 7.4', e.message);
    console.log(`1..${n}`);
    process.exit(1);
  }

  try {
    const v = await run(c, 'SELECT @@VERSION', null, true);
    ok(/SQL Server/.test(String(v[0][0][0])), 'SELECT @@VERSION names SQL Server', v[0][0][0]);
  } catch (e) { ok(false, 'SELECT @@VERSION', e.message); }

  try {
    const r = await run(c, 'SELECT COUNT(*) AS n FROM dbo.Btype', null, true);
    is(r[0][0][0], expect.btype_count, 'batch: COUNT(*) of Btype equals SQLite');
  } catch (e) { ok(false, 'batch COUNT(*)', e.message); }

  try {
    const r = await run(c, 'SELECT 1 AS a; SELECT N\'两个\' AS b, 2 AS c', null, true);
    ok(r.length === 2 && r[0][0][0] === 1 && r[1][0][0] === '两个' && r[1][0][1] === 2,
      'batch: two result sets', JSON.stringify(r));
  } catch (e) { ok(false, 'batch: two result sets', e.message); }

  try {
    const r = await run(c, 'SELECT typeId, UserCode, FullName, Name, ARTotal FROM dbo.Btype WHERE typeId = @customer',
      [['customer', TYPES.VarChar, expect.lenovo.typeId]]);
    const row = r[0] && r[0][0];
    ok(row !== undefined, 'sp_executesql with a VarChar parameter returns the customer');
    if (row) {
      is(row[2], expect.lenovo.FullName, 'VARCHAR (CP936 on the wire) arrives as the right Chinese text');
      is(row[3], '联想', 'Name (简称) is 联想');
      is(String(fen(row[4])), expect.lenovo.ARTotal_fen, 'ARTotal (DECIMAL) equals SQLite to the fen');
    }
  } catch (e) { ok(false, 'sp_executesql VarChar', e.message); }

  try {
    const r = await run(c, 'SELECT typeId FROM dbo.Btype WHERE FullName LIKE @p AND sonnum = @s ORDER BY UserCode',
      [['p', TYPES.NVarChar, '%联想%'], ['s', TYPES.Int, 0]]);
    is(r[0].length, 1, 'NVarChar LIKE parameter with Chinese text finds one row');
  } catch (e) { ok(false, 'NVarChar parameter', e.message); }

  try {
    const sql = profileSql(env.ERPSIM_PROFILE, 'customers_search');
    const r = await run(c, sql, [['pattern', TYPES.NVarChar, '%'], ['skip', TYPES.Int, 0], ['take', TYPES.Int, 1000]]);
    is(r[0].map((x) => x[0]).join(','), expect.customers.join(','), 'profile customers_search: every customer, in order');
  } catch (e) { ok(false, 'profile customers_search', e.message); }

  try {
    const sql = profileSql(env.ERPSIM_PROFILE, 'balance_opening');
    const r = await run(c, sql, [['customer', TYPES.VarChar, expect.lenovo.typeId], ['date', TYPES.VarChar, expect.from]]);
    is(String(openingOf(r[0])), expect.opening, 'profile balance_opening equals the oracle');
  } catch (e) { ok(false, 'profile balance_opening', e.message); }

  try {
    const sql = profileSql(env.ERPSIM_PROFILE, 'documents_list');
    const r = await run(c, sql, [
      ['customer', TYPES.VarChar, expect.lenovo.typeId], ['from', TYPES.VarChar, expect.from],
      ['to', TYPES.VarChar, expect.to], ['sale', TYPES.Int, 1], ['salereturn', TYPES.Int, 1],
      ['receipt', TYPES.Int, 1], ['arinc', TYPES.Int, 0], ['ardec', TYPES.Int, 0]]);
    const cols = r[0].columns;
    const docs = r[0].map((row) => [row[cols.indexOf('Vchcode')], row[cols.indexOf('Date')],
      row[cols.indexOf('VchType')], row[cols.indexOf('Number')], row[cols.indexOf('summary')],
      amountOf(row, cols)].join('\t'));
    is(docs.join('\n'), expect.docs.join('\n'), `profile documents_list equals the oracle (${expect.docs.length} documents)`);
  } catch (e) { ok(false, 'profile documents_list', e.message); }

  try {
    const sql = profileSql(env.ERPSIM_PROFILE, 'documents_lines');
    const r = await run(c, sql, [['customer', TYPES.VarChar, expect.lenovo.typeId], ['vchcode', TYPES.BigInt, Number(expect.line_doc)]]);
    const cols = r[0].columns;
    const lines = r[0].map((row) => [row[cols.indexOf('UserCode')], row[cols.indexOf('FullName')],
      row[cols.indexOf('Unit')], fen(row[cols.indexOf('Price')]), fen(row[cols.indexOf('Amount')])].join('\t'));
    is(lines.join('\n'), expect.lines.join('\n'), 'profile documents_lines (BigInt parameter) equals the oracle');
  } catch (e) { ok(false, 'profile documents_lines', e.message); }

  try {
    const r = await run(c, 'SELECT TOP 1 n.SaveDate, b.deleted, n.Vchcode FROM dbo.Dlyndx n JOIN dbo.Btype b'
      + ' ON b.typeId = n.btypeid WHERE n.Vchcode = @v', [['v', TYPES.BigInt, 1]]);
    const [d, del, code] = r[0][0];
    is(d instanceof Date ? d.toISOString().replace('T', ' ').replace('Z', '') : String(d),
      expect.savedate_1, 'DATETIME (with SQL Server milliseconds) and TOP n');
    is(del, false, 'BIT arrives as false');
    is(String(code), '1', 'BIGINT arrives (as a string, tedious\'s way)');
  } catch (e) { ok(false, 'DATETIME / BIT / BIGINT', e.message); }

  try {
    const long = 'SELECT @x AS x' + ' '.repeat(5000) + '-- padded past 4000 characters';
    const r = await run(c, long, [['x', TYPES.NVarChar, '长语句']]);
    is(r[0][0][0], '长语句', 'a statement longer than 4000 characters (PLP) with a parameter');
  } catch (e) { ok(false, 'long statement', e.message); }

  const cases = parseCases(env.ORACLE_CASES);
  for (const profile of env.ERPSIM_PROFILES.split(' ')) await checkCases(c, profile, cases);

  try {
    await run(c, 'SELECT * FROM dbo.NoSuchTable', null, true);
    ok(false, 'an unknown table is an error');
  } catch (e) {
    is(e.number, 208, 'an unknown table is error 208');
  }
  try {
    const r = await run(c, 'SELECT 41 + 1', null, true);
    is(r[0][0][0], 42, 'the connection is usable after an error');
  } catch (e) { ok(false, 'usable after an error', e.message); }
  c.close();

  for (const v of ['7_1', '7_2', '7_3_B']) {
    try {
      const c2 = await connect({ tdsVersion: v });
      const r = await run(c2, 'SELECT FullName FROM dbo.Btype WHERE typeId = @t', [['t', TYPES.VarChar, expect.lenovo.typeId]]);
      is(r[0][0][0], expect.lenovo.FullName, `TDS ${v}: parameterized query`);
      c2.close();
    } catch (e) { ok(false, `TDS ${v}`, e.message); }
  }

  try {
    const c3 = await connect({ password: 'wrong-password' });
    c3.close();
    ok(false, 'a wrong password is refused');
  } catch (e) {
    ok(/Login failed/.test(e.message) && (e.messages || []).some((x) => x.number === 18456),
      'a wrong password is refused with 18456 "Login failed"', e.message);
  }
  try {
    const c4 = await connect({ database: 'NoSuchDb' });
    c4.close();
    ok(false, 'an unknown database is refused');
  } catch (e) {
    // SQL Server sends 4060 then 18456; tedious reports the last one
    const m = (e.messages || []).find((x) => x.number === 4060);
    ok(m !== undefined && /Cannot open database "NoSuchDb"/.test(m.message),
      'an unknown database is refused with 4060 "Cannot open database"',
      JSON.stringify((e.messages || []).map((x) => [x.number, x.message])));
  }

  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.log(`Bail out! ${e.stack}`);
  process.exit(1);
});

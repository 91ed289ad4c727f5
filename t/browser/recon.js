// t/browser/recon.js: 账目核对 (issue 14) through the real screens (run by
// t/browser/recon.sh, which makes the statement, its link and a clerk of
// its account set, then runs run.sh recon.js):
//  - a phone (JavaScript off) opens the link, finds 账目核对 with its two
//    forms, uploads its ledger (a UTF-8 CSV: no return, an extra 运费), lands
//    on 确认各列的含义 with the columns guessed, presses 核对, and is back on
//    its page at #recon with the 余额调节表 and the two differences;
//  - it answers 不符合 with a description and a 经办人; the page says so,
//    the result stays, the forms are gone;
//  - the clerk signs in, opens the statement: the result, 2 lines waiting,
//    the 经办人; marks the return 已说明 with a note: the line shows it,
//    1 line waits.
// TAP on stdout (plan last); screenshots in DZ_B_SHOTS (recon-NN-*.png).
'use strict';
const { env, ok, diag, must, shot, pathOf, go, text, watch, desktop, phone,
	signIn, run } = require('./lib');

const base = env.DZ_TEST_BASE;
const sid = env.DZ_B_RECON_SID;
const tok = env.DZ_B_RECON_TOKEN;
const CUSTOMER = '华东五金批发部';

// their ledger: the two sales as 贷方 (more owed), the payment as 借方, no
// return (我方有、贵方无 230.50), a freight we never booked (贵方有、我方无
// 15.00), and a running 余额 ending at 3,245.50
const LEDGER = [
	'日期,凭证号,摘要,借方,贷方,余额',
	'2024-03-01,,期初余额,,,1000.00',
	'2024-03-03,记-12,采购 XS-2024-03-0001,,3230.50,4230.50',
	'2024-03-04,记-13,采购,,2000.00,6230.50',
	'2024-03-21,记-30,付款,3000.00,,3230.50',
	'2024-03-25,记-31,运费,,15.00,3245.50',
].join('\r\n') + '\r\n';

async function recon(browser) {
	const problems = [];
	must(/^\d+$/.test(sid || '') && /^[A-Za-z0-9_-]{43}$/.test(tok || ''),
		'recon.sh made a statement and its link', `${sid} ${tok}`);
	diag(`statement ${sid}`);

	// --- the phone opens its page ----------------------------------------------
	const mobile = await phone(browser, false);
	const cust = await mobile.newPage();
	watch(cust, 'phone', problems);
	const res = await cust.goto(`${base}/c/${tok}`);
	must(res.status() === 200, 'the phone opens the link', res.status());
	ok((await text(cust.locator('main'))).includes(CUSTOMER), `the page names ${CUSTOMER}`);
	const forms = cust.locator('#recon-forms');
	must(await forms.count() === 1, 'the page has a 账目核对 section');
	ok((await text(forms.locator('h2'))).includes('账目核对'), 'titled 账目核对');
	ok(await forms.locator('form[action="?balance"] input[name=their_closing]').count() === 1,
		'with a balance form');
	const upload = forms.locator('form[action="?upload"][enctype="multipart/form-data"]');
	must(await upload.locator('input[type=file][name=file]').count() === 1,
		'and an upload form with a file field');
	ok(await cust.locator('#recon').count() === 0, 'no result yet');

	// --- it uploads its ledger ------------------------------------------------------
	await upload.locator('input[type=file]').setInputFiles({ name: '华东五金往来明细.csv',
		mimeType: 'text/csv', buffer: Buffer.from(LEDGER, 'utf8') });
	await go(cust, upload.locator('button[type=submit]', { hasText: '上传并核对' }));
	must(new RegExp(`^/c/${tok}/map/\\d+$`).test(pathOf(cust)),
		'上传并核对 leads to the column map', cust.url() + ' ' +
		await text(cust.locator('main')).catch(() => ''));
	const mapText = await text(cust.locator('main'));
	ok(mapText.includes('确认各列的含义'), 'titled 确认各列的含义', mapText);
	ok(mapText.includes('华东五金往来明细.csv') && mapText.includes('6 × 6'),
		'it names the file, 6 rows by 6 columns', mapText);
	const sel = async (n) => cust.locator(`select[name=${n}]`).inputValue();
	const picked = {};
	for (const n of ['h', 'date', 'ref', 'memo', 'debit', 'credit', 'bal'])
		picked[n] = await sel(n);
	ok(picked.h === '1' && picked.date === '0' && picked.debit === '3' &&
		picked.credit === '4' && picked.bal === '5',
		'header row, 日期, 借方, 贷方 and 余额 are preselected', JSON.stringify(picked));
	ok(await cust.locator('table.sheet-preview td', { hasText: '运费' }).count() === 1,
		'the preview shows the file, 运费 row included');
	await shot(cust, 'phone-map');
	await go(cust, cust.locator('main form button[type=submit]', { hasText: '核对' }));
	const back = new URL(cust.url());
	must(back.pathname === `/c/${tok}` && back.hash === '#recon',
		'核对 returns to the page at #recon', cust.url());

	// --- the 余额调节表 ----------------------------------------------------------------
	const result = cust.locator('#recon');
	must(await result.count() === 1, 'the page shows the result');
	const rt = await text(result);
	ok(rt.includes('核对结果（余额调节表）'), 'titled 核对结果（余额调节表）', rt);
	ok(rt.includes('按上传的明细'), 'the run is by the uploaded ledger', rt);
	ok(rt.includes('我方 4 笔，贵方 4 笔，其中 3 笔一致'), '4 documents each side, 3 matched', rt);
	ok(rt.includes('我方账面应收余额 3,000.00'), 'from our closing 3,000.00', rt);
	ok(rt.includes('我方有、贵方无 230.50'), '± 我方有、贵方无 230.50', rt);
	ok(rt.includes('贵方有、我方无 15.00'), '± 贵方有、我方无 15.00', rt);
	ok(rt.includes('贵方账面应付余额 3,245.50'), 'to their closing 3,245.50 (their 余额 column)', rt);
	ok(!rt.includes('未能解释'), 'nothing unexplained', rt);
	const lines = result.locator('ul.recon-lines > li');
	ok(await lines.count() === 2, 'two difference lines', await lines.count());
	const ours = result.locator('li.k-only_ours');
	const theirs = result.locator('li.k-only_theirs');
	ok(await ours.count() === 1 && (await text(ours)).includes('TH-2024-03-0002'),
		'我方有、贵方无: the return TH-2024-03-0002', await text(result.locator('ul.recon-lines')));
	ok(await theirs.count() === 1 && /运费.*15\.00/.test(await text(theirs)),
		'贵方有、我方无: their 运费 15.00', await text(result.locator('ul.recon-lines')));
	ok(await result.locator('form').count() === 0, 'the customer gets no resolution forms');
	ok((await text(cust.locator('#answer'))).includes('有差异，请答复“不符合”'),
		'the answer form suggests 不符合');
	await result.scrollIntoViewIfNeeded();
	await shot(cust, 'phone-result');

	// --- the phone answers 不符合 ----------------------------------------------------
	const desc = `浏览器测试: 退货 TH-2024-03-0002 我方未收到；运费 15 元贵方已记`;
	const handler = '王会计';
	await cust.fill('#description', desc);
	await cust.fill('#handler', handler);
	await go(cust, cust.locator('#answer button[name=decision][value=disputed]'));
	const answer = await text(cust.locator('#answer'));
	ok(answer.includes('已答复：不符合'), 'the page shows 已答复：不符合', answer);
	ok(answer.includes(desc), 'with the description', answer);
	ok(await cust.locator('#answer form').count() === 0 &&
		await cust.locator('#recon-forms').count() === 0, 'no answer or 账目核对 forms any more');
	ok(await cust.locator('#recon li.k-only_ours').count() === 1, 'the result is still shown');
	await shot(cust, 'phone-answered');

	// --- the clerk ----------------------------------------------------------------
	const desk = await desktop(browser);
	const staff = await desk.newPage();
	watch(staff, 'staff', problems);
	await signIn(staff, env.DZ_B_RECON_USER, env.DZ_B_RECON_PW);
	must(pathOf(staff) !== '/login', 'the clerk signs in', staff.url());
	const sres = await staff.goto(`${base}/statements/${sid}`);
	must(sres.status() === 200, 'the clerk opens the statement', sres.status());
	const main = await text(staff.locator('main'));
	ok(main.includes('不符合'), 'it says 不符合', main);
	ok(main.includes(`经办人：${handler}`), `with 经办人：${handler}`, main);
	const sr = staff.locator('#recon');
	must(await sr.count() === 1, 'the statement page shows the result');
	const st = await text(sr);
	ok(st.includes('核对结果（余额调节表）') && st.includes('我方有、贵方无 230.50') &&
		st.includes('贵方有、我方无 15.00'), 'the same 余额调节表', st);
	ok(st.includes('还有 2 条差异未处理'), '还有 2 条差异未处理', st);
	ok(await sr.locator('form.res-form').count() === 2, 'a 处理 form on each line');

	const line = sr.locator('li.k-only_ours');
	const note = '退货已于 4 月 2 日补寄，客户尚未入账';
	await line.locator('select[name=action]').selectOption({ label: '已说明' });
	await line.locator('input[name=note]').fill(note);
	await go(staff, line.locator('form.res-form button[type=submit]', { hasText: '处理' }));
	must(pathOf(staff) === `/statements/${sid}`, '处理 comes back to the statement', staff.url() +
		' ' + await text(staff.locator('main')).catch(() => ''));
	const after = staff.locator('#recon');
	const at = await text(after);
	const done = after.locator('li.k-only_ours');
	ok(await done.locator('.res').count() === 1 &&
		(await text(done.locator('.res'))).includes(`已说明：${note}`),
		`the line shows 已说明：${note}`, await text(done));
	ok((await text(done.locator('.res'))).includes(env.DZ_B_RECON_USER), '... and who (the clerk)', await text(done));
	ok(await done.locator('form').count() === 0, '... with no form any more');
	ok(await after.locator('li.k-only_theirs form.res-form').count() === 1,
		'the other line still has its form');
	ok(at.includes('还有 1 条差异未处理'), '还有 1 条差异未处理', at);
	await after.scrollIntoViewIfNeeded();
	await shot(staff, 'staff-resolved');

	ok(problems.length === 0, 'no script errors, CSP refusals or missing files',
		problems.join('\n'));
}

run('账目核对 in the browser', 60 * 1000, recon);

// t/browser/reports.js: 报表 in a real browser (issue 13). The ready clerk
// (run.sh: DZ_B_READY, on the ERP simulator) opens every report from the
// 报表 tab: 结算概览, 对账报表, one customer's months, 付款习惯, 账龄分析;
// each draws its table, the charts are SVG beside a table (nothing only a
// picture), nothing is wider than a phone's screen but the tables' own
// scroll boxes, and no page has a script error or a CSP refusal. Changing
// the aging buckets in the form redraws the headings. Printed (the print
// stylesheet), a report and a statement it makes show their tables and no
// navigation, form or button, and Chromium prints the statement on A4. Screenshots of each
// (reports-NN-*.png) are the test's output.
// TAP on stdout (plan last); screenshots in DZ_B_SHOTS.
'use strict';
const { env, ok, must, shot, pathOf, go, text, ymd, watch, desktop, phone, signIn,
	pickCustomer, run } = require('./lib');

const base = env.DZ_TEST_BASE;

async function reports(browser) {
	const problems = [];
	const desk = await desktop(browser);
	const p = await desk.newPage();
	watch(p, 'reports', problems);
	await signIn(p, env.DZ_B_READY, env.DZ_B_READY_PW);
	must(pathOf(p) === '/', 'the clerk signs in', p.url());

	await go(p, p.locator('nav.tabs a[href="/reports"]'));
	must(pathOf(p) === '/reports', 'the 报表 tab opens 结算概览', p.url());
	ok((await text(p.locator('h1'))).includes('结算概览'), '结算概览 is the first report');
	// a period with statements: this year (the ready clerk's set is the
	// simulator's, where earlier tests made statements; none is fine too)
	const made = await p.locator('[data-k=made]').count();
	if (made > 0) {
		ok(await p.locator('figure.chart svg').count() >= 2, 'the overview draws its charts as SVG');
		ok(await p.locator('table#months').count() === 1, '... each beside a table (按月)');
	} else
		ok((await text(p.locator('main'))).includes('期间内没有生成对账单'), 'an empty period says so');
	await shot(p, 'overview');

	await go(p, p.locator('nav.subtabs a[href="/reports/customers"]'));
	const rows = await p.locator('table#customers tbody tr').count();
	ok(rows > 0, `对账报表: ${rows} customers for last month`);
	await shot(p, 'customers');
	await go(p, p.locator('table#customers tbody tr a').first());
	ok(pathOf(p) === '/reports/customer', 'a customer opens its months', p.url());
	const months = await p.locator('table#monthly tbody tr').count();
	ok(months >= 1 && months <= 12, `月度对账报表: ${months} months`);
	await shot(p, 'monthly');

	await go(p, p.locator('nav.subtabs a[href="/reports/habits"]'));
	ok(await p.locator('table#habits tbody tr').count() > 0, '付款习惯 lists customers');
	await shot(p, 'habits');

	await go(p, p.locator('nav.subtabs a[href="/reports/aging"]'));
	ok(await p.locator('table#aging tbody tr').count() > 0, '账龄分析 lists customers with a balance');
	const heads = await p.locator('table#aging thead th').allInnerTexts();
	ok(heads.includes('180 天以上'), `default buckets (${heads.join(' | ')})`);
	ok(await p.locator('figure.chart svg rect').count() === 5, 'the chart: a bar a bucket');
	await shot(p, 'aging');
	await p.fill('input[name=buckets]', '15,45');
	await go(p, p.locator('form.filters button[type=submit]'));
	const h2 = await p.locator('table#aging thead th').allInnerTexts();
	ok(h2.includes('16–45 天') && h2.includes('45 天以上'), `buckets 15,45 redraw the headings (${h2.join(' | ')})`);
	await p.fill('input[name=buckets]', '60,30');
	await go(p, p.locator('form.filters button[type=submit]'));
	ok((await text(p.locator('main'))).includes('递增的天数'), 'bad buckets: the form says how to write them');

	// printed: a report and a statement on A4 with no navigation or buttons
	await p.goto(`${base}/reports/customers`);
	await p.emulateMedia({ media: 'print' });
	ok(!(await p.locator('nav.tabs').isVisible()) && !(await p.locator('form.filters').isVisible()) &&
		!(await p.locator('#xlsx').isVisible()) && await p.locator('table#customers').isVisible(),
		'a report printed: the table, no navigation, form or buttons');
	await shot(p, 'customers-print');
	await p.emulateMedia({ media: 'screen' });
	// a statement of its own: 联想's documents of the last three months
	await pickCustomer(p, '联想', '联想（北京）有限公司', 'searching 联想 finds 联想（北京）有限公司');
	const now = new Date();
	await p.fill('#filters input[name=from]', ymd(new Date(now.getFullYear(), now.getMonth() - 3, 1)));
	await p.fill('#filters input[name=to]', ymd(new Date(now.getFullYear(), now.getMonth(), 0)));
	await go(p, p.locator('#filters button[type=submit]'));
	await go(p, p.locator('#pick button.primary[type=submit]'));
	if (/^\/statements\/\d+$/.test(pathOf(p))) {
		await p.emulateMedia({ media: 'print' });
		const shown = async (sel) => (await p.locator(sel).count()) > 0 && p.locator(sel).first().isVisible();
		ok(!(await shown('nav.tabs')) && !(await shown('.actions .button')) && await shown('main table'),
			'a statement printed: its tables, no navigation or buttons');
		const pdf = await p.pdf({ format: 'A4' });
		ok(pdf.length > 1000 && pdf.slice(0, 5).toString() === '%PDF-', `Chromium prints it to an A4 PDF (${pdf.length} bytes)`);
		await shot(p, 'statement-print');
		await p.emulateMedia({ media: 'screen' });
	} else
		ok(false, 'a statement to print: generating it lands on its page', p.url());

	// a phone: the aging report fits, its table scrolls in its own box
	const ph = await phone(browser, false);
	const q = await ph.newPage();
	watch(q, 'phone', problems);
	await signIn(q, env.DZ_B_READY, env.DZ_B_READY_PW);
	await q.goto(`${base}/reports/aging`);
	const wide = await q.locator('main > section > *').evaluateAll((els) =>
		Math.max(0, ...els.map((e) => e.getBoundingClientRect().right)));
	ok(wide <= 390.5, `on a phone nothing but the tables' scroll boxes is wider than the screen (${wide} px)`);
	await shot(q, 'phone-aging');

	ok(problems.length === 0, 'no script errors, CSP refusals or missing files', problems.join('\n'));
}

run('the reports test', 60 * 1000, reports);

// t/browser/query.js: 往来对账's totals follow the ticks (issue 10, item 1),
// in Debian's chromium driven by playwright-core; run by t/browser/query.sh
// (run.sh gives a ready clerk on the ERP simulator: DZ_B_READY).
//  - JavaScript on: pick 联想, query two months, untick every sale and the
//    opening balance (the receipts then dominate: a negative closing); the
//    footer's 已勾选, counts, sums and closing (worded 预收金额) follow each
//    tick without a page load and equal the test's own sums of the ticked
//    rows' amounts; the running balance is that of the ticked rows; a
//    document's goods open under its row; 生成对账单 stores what the footer
//    said.
//  - JavaScript off: the same unticking leaves the footer as drawn and the
//    page says to use 预览; 预览 shows the figures of the ticks; 返回修改勾选
//    comes back ticked as before; 预览 again, 生成对账单: the statement
//    equals the preview. A document's number opens its goods page.
// TAP on stdout (plan last); a screenshot of every screen in DZ_B_SHOTS.
'use strict';
const { env, ok, diag, must, shot, pathOf, go, text, watch, desktop, signIn, run } =
	require('./lib');

const base = env.DZ_TEST_BASE;
const CUSTOMER = '联想（北京）有限公司';
const FROM = '2026-09-01', TO = '2026-10-31';

// "¥-1,234.50" -> -123450 (fen)
function fen(s) {
	const t = String(s).replace(/[¥,\s]/g, '');
	const neg = t.startsWith('-');
	const [i, d = ''] = (neg ? t.slice(1) : t).split('.');
	const v = Number(i || '0') * 100 + Number((d + '00').slice(0, 2));
	return neg ? -v : v;
}
function money(f) {
	const neg = f < 0, s = String(Math.abs(f)).padStart(3, '0');
	return (neg ? '-' : '') + s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + s.slice(-2);
}
// a closing balance as a page words it: 欠款金额 ¥x, or 预收金额 ¥x for a
// negative one (a page that prints the sign instead counts too)
function signed(label, amount) {
	const v = fen(amount);
	return /预收|预付/.test(label) ? -Math.abs(v) : v;
}

// The figures a page shows (query footer or preview): by the ids both use.
async function figures(page) {
	const t = async (id) => (await page.locator(`#${id}`).innerText().catch(() => '')).trim();
	return {
		picked: Number(await t('picked')),
		n: { sale: Number(await t('n-sale')), return: Number(await t('n-return')),
			receipt: Number(await t('n-receipt')) },
		sum: { sale: fen(await t('sum-sale')), return: fen(await t('sum-return')),
			receipt: fen(await t('sum-receipt')) },
		opening: fen(await t('sum-opening')),
		label: await t('closing-label'),
		closing: signed(await t('closing-label'), await t('closing')),
	};
}

// What the ticks say, summed by the test from the rows themselves.
async function ticked(page) {
	return page.evaluate(() => {
		const tags = { 出库: 'sale', 退货: 'return', 收款: 'receipt' };
		const rows = [...document.querySelectorAll('#pick .chunk tr')].filter((r) =>
			r.querySelector('input[name=doc]'));
		return rows.map((r) => ({ on: r.querySelector('input[name=doc]').checked,
			vch: r.querySelector('input[name=doc]').value,
			type: tags[r.cells[2].innerText.trim()] || 'other',
			amount: r.cells[5].innerText.trim(), balance: r.cells[6].innerText.trim(),
			off: r.classList.contains('off') }));
	});
}
function want(rows, opening, withOpening) {
	const w = { picked: 0, n: { sale: 0, return: 0, receipt: 0 },
		sum: { sale: 0, return: 0, receipt: 0 }, opening: withOpening ? opening : 0 };
	for (const r of rows) {
		if (!r.on)
			continue;
		w.picked++;
		w.n[r.type]++;
		w.sum[r.type] += fen(r.amount);
	}
	w.closing = w.opening + w.sum.sale + w.sum.return + w.sum.receipt;
	return w;
}
const same = (f, w) => f.picked === w.picked && f.opening === w.opening && f.closing === w.closing &&
	['sale', 'return', 'receipt'].every((k) => f.n[k] === w.n[k] && f.sum[k] === w.sum[k]);
const show = (f) => `已勾选 ${f.picked}, 出库 ${f.n.sale} ${money(f.sum.sale)}, 退货 ${f.n.return} ` +
	`${money(f.sum.return)}, 收款 ${f.n.receipt} ${money(f.sum.receipt)}, 期初 ${money(f.opening)}, ` +
	`期末 ${money(f.closing)}`;

// The statement page's 欠款金额 (or 预收金额) and document count.
async function statement(page) {
	const head = await text(page.locator('header.stmt-head'));
	const debt = await page.locator('header.stmt-head .debt').innerText();
	const m = head.match(/(\d+) 笔单据/);
	return { closing: signed(/预收金额/.test(head) ? '预收金额' : '', debt), count: m ? Number(m[1]) : -1, head };
}

async function withScript(browser, problems) {
	const ctx = await desktop(browser);
	const page = await ctx.newPage();
	watch(page, 'js', problems);
	await signIn(page, env.DZ_B_READY, env.DZ_B_READY_PW);
	must(pathOf(page) === '/', 'the clerk signs in (JavaScript on)', page.url());
	await go(page, page.locator('nav.tabs a[href="/query"]'));
	await page.fill('#cust-q', '联想');
	await go(page, page.locator('#cust-search button[type=submit]'));
	await go(page, page.locator('#cust-list tr', { hasText: CUSTOMER }).first().locator('a.button'));
	must(await page.locator('#cust-name').innerText() === CUSTOMER, 'the customer is picked');
	await page.fill('#filters input[name=from]', FROM);
	await page.fill('#filters input[name=to]', TO);
	await go(page, page.locator('#filters button[type=submit]'));
	let rows = await ticked(page);
	must(rows.length > 0, `the query shows documents (${rows.length})`);
	const opening = fen(await page.locator('#opening').innerText());
	const all = await figures(page);
	ok(same(all, want(rows, opening, true)), `all ticked, the footer sums every row: ${show(all)}`,
		show(want(rows, opening, true)));
	ok(all.label === '欠款金额' || all.closing < 0, `the closing is worded ${all.label}`);
	ok(await page.locator('#stale').isHidden(), 'with JavaScript the "press 预览" hint is hidden');
	await shot(page, 'all-ticked');

	// select-all: none, then all again
	await page.evaluate(() => { window.dzSamePage = true; });
	await page.locator('#check-all').click();
	const none = await figures(page);
	ok(none.picked === 0 && none.closing === opening && none.sum.receipt === 0,
		`select-all cleared: 已勾选 0, the closing is the opening (${show(none)})`);
	await page.locator('#check-all').click();
	ok(same(await figures(page), all), 'select-all again: the figures of every row');

	// untick every sale and the opening balance, one click at a time
	const sales = rows.filter((r) => r.type === 'sale');
	must(sales.length > 0, `there are sales to untick (${sales.length})`);
	let live = true;
	for (const s of sales) {
		const before = await page.locator('#picked').innerText();
		await page.locator(`#pick input[name=doc][value="${s.vch}"]`).click();
		if (await page.locator('#picked').innerText() === before)
			live = false;
	}
	ok(live, `每次取消勾选, 已勾选 changes at once (${sales.length} sales)`);
	await page.locator('#pick input[name=opening]').click();
	rows = await ticked(page);
	const mine = want(rows, opening, false);
	const f = await figures(page);
	ok(await page.evaluate(() => window.dzSamePage === true), 'the footer changed without a page load');
	ok(same(f, mine), `the footer follows the ticks: ${show(f)}`, show(mine));
	ok(f.picked === rows.length - sales.length && f.n.sale === 0 && f.sum.sale === 0,
		'no sale counted');
	ok(f.closing !== all.closing, `the closing moved (${money(all.closing)} -> ${money(f.closing)})`);
	ok(f.closing < 0, `the receipts dominate: the closing is negative (${money(f.closing)})`);
	ok(f.label === '预收金额', `... worded 预收金额, not 欠款金额 (${f.label})`);
	ok(await page.locator('#closing.prepaid').count() === 1 &&
		!(await page.locator('#closing').innerText()).includes('-'),
		'... in the prepaid style, the amount without its sign');
	// the running balance: of the ticked rows, none on the unticked
	let run = 0, balOk = true;
	for (const r of rows) {
		if (r.on) {
			run += fen(r.amount);
			if (fen(r.balance) !== run)
				balOk = false;
		} else if (r.balance !== '' || !r.off) {
			balOk = false;
		}
	}
	ok(balOk, 'the running balance is that of the ticked rows; unticked rows are dimmed, without one');
	await shot(page, 'sales-unticked');

	// a document's goods, in place
	const num = page.locator('#pick .chunk a[href^="/query/doc/"]').first();
	await num.click();
	const goods = page.locator('#pick tr.goods table tbody tr');
	await goods.first().waitFor({ timeout: 5000 }).catch(() => {});
	ok(await goods.count() > 0 && await page.evaluate(() => window.dzSamePage === true),
		`a document's number opens its goods under its row (${await goods.count()} lines)`);
	await shot(page, 'goods-in-place');
	await num.click();
	ok(await page.locator('#pick tr.goods').isHidden(), 'a second click folds them');

	// 生成对账单: what the footer said
	await go(page, page.locator('#pick button.primary[type=submit]'));
	must(/^\/statements\/\d+$/.test(pathOf(page)), 'generating lands on the statement page',
		page.url() + ' ' + await text(page.locator('main')).catch(() => ''));
	const st = await statement(page);
	ok(st.closing === f.closing, `the statement's closing is the footer's (${money(st.closing)})`, st.head);
	ok(st.count === f.picked, `and its ${st.count} documents the ticked ones`, st.head);
	await shot(page, 'statement');
	await ctx.close();
}

async function withoutScript(browser, problems) {
	const ctx = await desktop(browser, { javaScriptEnabled: false });
	const page = await ctx.newPage();
	watch(page, 'nojs', problems);
	await signIn(page, env.DZ_B_READY, env.DZ_B_READY_PW);
	must(pathOf(page) === '/', 'the clerk signs in (JavaScript off)', page.url());
	await go(page, page.locator('nav.tabs a[href="/query"]'));
	await page.fill('#cust-q', '联想');
	await go(page, page.locator('#cust-search button[type=submit]'));
	await go(page, page.locator('#cust-list tr', { hasText: CUSTOMER }).first().locator('a.button'));
	await page.fill('#filters input[name=from]', FROM);
	await page.fill('#filters input[name=to]', TO);
	await go(page, page.locator('#filters button[type=submit]'));
	let rows = await ticked(page);
	must(rows.length > 0, `the query shows documents (${rows.length})`);
	const cust = await page.locator('#pick input[name=customer]').inputValue();
	const opening = fen(await page.locator('#opening').innerText());
	const drawn = await figures(page);
	ok(await page.locator('#check-all').isHidden(), 'no select-all box without JavaScript');
	ok(await page.locator('#stale').isVisible(), 'the page says to press 预览 after changing ticks');
	for (const s of rows.filter((r) => r.type === 'sale'))
		await page.locator(`#pick input[name=doc][value="${s.vch}"]`).click();
	await page.locator('#pick input[name=opening]').click();
	rows = await ticked(page);
	const mine = want(rows, opening, false);
	ok(same(await figures(page), drawn), 'the footer stays as drawn (no script)');
	await shot(page, 'nojs-unticked');

	await go(page, page.locator('#pick button#preview'));
	must(pathOf(page) === '/statements/preview', '预览 opens', page.url() + ' ' +
		await text(page.locator('main')).catch(() => ''));
	const p = await figures(page);
	ok(same(p, mine), `预览 shows the figures of the ticks: ${show(p)}`, show(mine));
	ok(p.label === '预收金额', `... its negative closing worded 预收金额 (${p.label})`);
	ok(await page.locator('#left-out tbody tr').count() === rows.filter((r) => !r.on).length,
		'... and lists the documents left out');
	await shot(page, 'nojs-preview');

	await go(page, page.locator('button#back'));
	must(pathOf(page) === '/query', '返回修改勾选 goes back to the query', page.url());
	const back = await ticked(page);
	ok(back.length === rows.length && back.every((r, i) => r.on === rows[i].on && r.vch === rows[i].vch),
		'... ticked as before');
	ok(!await page.locator('#pick input[name=opening]').isChecked(), '... the opening too');
	ok(same(await figures(page), mine), '... and its footer now shows those figures');
	await shot(page, 'nojs-back');

	await go(page, page.locator('#pick button#preview'));
	const p2 = await figures(page);
	await go(page, page.locator('#confirm button.primary'));
	must(/^\/statements\/\d+$/.test(pathOf(page)), '生成对账单 from 预览 lands on the statement',
		page.url() + ' ' + await text(page.locator('main')).catch(() => ''));
	const st = await statement(page);
	ok(st.closing === p2.closing, `the statement's closing is the preview's (${money(st.closing)})`, st.head);
	ok(st.count === p2.picked, `and its ${st.count} documents the ticked ones`, st.head);
	await shot(page, 'nojs-statement');

	// a document's goods: a page of its own
	await page.goto(`${base}/query?customer=${encodeURIComponent(cust)}&from=${FROM}&to=${TO}&go=1` +
		'&types=sale&types=return&types=receipt');
	const link = page.locator('#pick a[href^="/query/doc/"]').first();
	if (ok(await link.count() === 1, 'a sale links to its goods')) {
		await go(page, link);
		ok(/^\/query\/doc\/\d+$/.test(pathOf(page)) && await page.locator('#goods tbody tr').count() > 0,
			'the goods page lists its lines', page.url());
		await shot(page, 'nojs-goods');
	}
	await ctx.close();
}

run('the query totals', 60 * 1000, async (browser) => {
	const problems = [];
	await withScript(browser, problems);
	await withoutScript(browser, problems);
	ok(problems.length === 0, 'no script errors, CSP refusals or missing files', problems.join('\n'));
	diag(`customer ${CUSTOMER}, ${FROM} to ${TO}`);
});

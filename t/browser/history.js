// t/browser/history.js: 对账单历史 in a real browser (issue 10, items 2, 3
// and 7). The ready clerk (run.sh: DZ_B_READY) makes a statement of 收款
// documents only on 往来对账, without the opening balance, so its closing is
// negative, then checks:
//  - the card, the statement page and the customer's page (a phone, no
//    JavaScript) word it 预收金额 / 贵方预付余额, without a minus sign, styled
//    apart from a debt;
//  - at 1280 px the card with the most buttons (未确认, nothing received:
//    six) has them on at most two rows; on a 390 px phone every button of
//    the cards and of the statement page is at least 44 px tall;
//  - 收款 on it asks once more (refused without 仍要记录, taken with it),
//    and 收款, 符合确认 and 取消确认 each end with a line naming what was
//    done; 取消确认's 撤销 puts 符合 back.
// TAP on stdout (plan last); screenshots in DZ_B_SHOTS (history-NN-*.png).
'use strict';
const { env, ok, diag, must, shot, pathOf, go, text, ymd, watch, desktop, phone,
	signIn, pickCustomer, run } = require('./lib');

const base = env.DZ_TEST_BASE;
const CUSTOMER = '联想（北京）有限公司';
const said = async (page) => text(page.locator('[role=status]').first()).catch(() => '');

// The distinct top offsets (rounded) of the elements a locator finds.
async function rows(loc) {
	const tops = await loc.evaluateAll((els) => els.map((e) =>
		Math.round(e.getBoundingClientRect().top)));
	return new Set(tops).size;
}
// The smallest height of the elements a locator finds (Infinity if none).
async function lowest(loc) {
	const hs = await loc.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
	return hs.length ? Math.min(...hs) : Infinity;
}

async function history(browser) {
	const problems = [];
	const desk = await desktop(browser);
	const staff = await desk.newPage();
	watch(staff, 'staff', problems);

	await signIn(staff, env.DZ_B_READY, env.DZ_B_READY_PW);
	must(pathOf(staff) === '/', 'the clerk signs in', staff.url());

	// --- a statement of receipts only: its closing is negative ----------------
	await pickCustomer(staff, '联想', CUSTOMER, `searching 联想 finds ${CUSTOMER}`);
	const now = new Date();
	await staff.fill('#filters input[name=from]',
		ymd(new Date(now.getFullYear(), now.getMonth() - 3, 1)));
	await staff.fill('#filters input[name=to]', ymd(new Date(now.getFullYear(), now.getMonth(), 0)));
	for (const t of ['sale', 'return'])
		await staff.uncheck(`#filters input[name=types][value=${t}]`);
	await staff.check('#filters input[name=types][value=receipt]');
	await go(staff, staff.locator('#filters button[type=submit]'));
	const nDocs = await staff.locator('#pick input[name=doc]').count();
	must(nDocs > 0, `收款 documents only: ${nDocs} of them`, await text(staff.locator('main')));
	await staff.uncheck('#pick input[name=opening]');
	await go(staff, staff.locator('#pick button.primary[type=submit]'));
	const m = pathOf(staff).match(/^\/statements\/(\d+)$/);
	must(m !== null, 'generating lands on the statement page', staff.url());
	const sid = m[1];

	// --- the statement page -------------------------------------------------
	const head = await text(staff.locator('header.stmt-head'));
	const headDebt = staff.locator('header.stmt-head .debt');
	const amount = await headDebt.innerText();
	diag(`statement ${sid}: ${nDocs} receipts, ${amount} prepaid`);
	ok(/^¥[\d,]+\.\d\d$/.test(amount) && amount !== '¥0.00',
		`the statement's head shows ¥ and the amount, no minus (${amount})`);
	ok(head.includes(`预收金额 ${amount}`) && !head.includes('欠款金额'),
		'... worded 预收金额, not 欠款金额', head);
	ok(await headDebt.evaluate((e) => e.classList.contains('prepaid')), '... styled prepaid');
	const colours = await headDebt.evaluate((e) => [getComputedStyle(e).color,
		getComputedStyle(document.body).color]);
	ok(colours[0] !== colours[1], `prepaid in its own colour (${colours[0]}, text ${colours[1]})`);
	const foot = await text(staff.locator('section.statement tfoot tr').last());
	ok(foot === `预收金额 ${amount}`, `the totals end with 预收金额 ${amount}`, foot);
	ok(!(await text(staff.locator('main'))).includes('¥-'), 'no "¥-" anywhere on the page');
	await shot(staff, 'statement-prepaid');

	// --- the card, at 1280 px ------------------------------------------------
	await staff.goto(base + '/statements');
	const card = staff.locator(`#stmt-${sid}`);
	must(await card.count() === 1, 'the statement is on 对账单历史');
	const cardText = await text(card);
	ok(cardText.includes(`预收金额 ${amount}`) && !cardText.includes('欠款金额') &&
		!cardText.includes('¥-'), `the card says 预收金额 ${amount}`, cardText);
	ok(await card.locator('.debt.prepaid').count() === 1, '... styled prepaid');
	const buttons = card.locator('.actions .button');
	ok(await buttons.count() === 6, `the card has the six buttons of 未确认 (${await buttons.count()})`);
	const r = await rows(buttons);
	ok(r >= 1 && r <= 2, `at 1280 px its buttons take ${r} row(s), at most 2`);
	let worst = 0;
	for (const c of await staff.locator('article.scard').all())
		worst = Math.max(worst, await rows(c.locator('.actions .button')));
	ok(worst <= 2, `no card on the page has more than 2 rows of buttons (${worst})`);
	await shot(staff, 'history-1280');

	// --- sharing it; the customer's page on a phone --------------------------
	await staff.goto(`${base}/statements/${sid}/share`);
	await go(staff, staff.locator(`form[action="/statements/${sid}/share"] button`));
	ok((await said(staff)).startsWith('已生成新的分享链接'), `分享 says what it did: ${await said(staff)}`);
	const url = await staff.locator('#share-url').inputValue();
	const mobile = await phone(browser, false);
	const cust = await mobile.newPage();
	watch(cust, 'phone', problems);
	const res = await cust.goto(url);
	must(res.status() === 200, 'the phone opens the link', res.status());
	ok(await cust.locator('.head .debt-label').innerText() === '贵方预付余额',
		'the customer reads 贵方预付余额');
	const cDebt = cust.locator('.head .debt');
	ok(await cDebt.innerText() === amount, `... ${amount}, no minus`, await cDebt.innerText());
	ok(await cDebt.evaluate((e) => e.classList.contains('prepaid')), '... styled prepaid');
	const note = await cust.locator('.head .prepaid-note').innerText().catch(() => '');
	ok(note.includes('预付余额'), `... with one line explaining it: ${note}`);
	const box = await cDebt.boundingBox();
	ok(box && box.y + box.height <= 844, 'the balance is on the first screen');
	const sums = await text(cust.locator('.sums dl'));
	ok(sums.includes(`贵方预付余额 ${amount.slice(1)}`) && !sums.includes('欠款金额'),
		'the sums end with 贵方预付余额', sums);
	ok(!(await text(cust.locator('main'))).includes('¥-'), 'no "¥-" on the customer\'s page');
	await shot(cust, 'phone-customer-prepaid');

	// --- 收款 with nothing owed asks once more ---------------------------------
	await staff.goto(base + '/statements');
	await go(staff, card.locator(`a[href="/statements/${sid}/receive"]`));
	must(pathOf(staff) === `/statements/${sid}/receive`, '收款 opens its form');
	const ask = await text(staff.locator('main form .notice'));
	ok(ask.includes('没有欠款') && ask.includes(`预收金额 ${amount}`), `the form says so: ${ask}`);
	await staff.fill('input[name=amount]', '100');
	const form = (a) => staff.locator(`form[action="/statements/${sid}/${a}"] button[type=submit]`);
	const refused = await go(staff, form('receive'));
	ok(refused.status() === 400, `without 仍要记录: refused (${refused.status()})`);
	const why = await text(staff.locator('[role=alert]')).catch(() => '');
	ok(why.includes('仍要记录'), `... asking to tick 仍要记录: ${why}`);
	ok(await staff.inputValue('input[name=amount]') === '100', '... the amount kept');
	await shot(staff, 'receive-ask');
	await staff.check('input[name=anyway]');
	await go(staff, form('receive'));
	ok(pathOf(staff) === `/statements/${sid}` && await said(staff) === '已记录收款 ¥100.00',
		`with it: 已记录收款 ¥100.00 (${await said(staff)})`);
	await shot(staff, 'receive-done');

	// --- 符合确认, 取消确认 and its 撤销 ------------------------------------------
	await go(staff, staff.locator(`section.statement .actions a[href="/statements/${sid}/agree"]`));
	await go(staff, form('agree'));
	ok((await said(staff)).startsWith('已记为符合'), `符合确认: ${await said(staff)}`);
	await shot(staff, 'agree-done');
	await go(staff, staff.locator(`section.statement .actions a[href="/statements/${sid}/cancel"]`));
	await go(staff, form('cancel'));
	ok((await said(staff)).startsWith('已取消确认，对账单回到“未确认”'), `取消确认: ${await said(staff)}`);
	ok((await text(staff.locator('header.stmt-head .tag'))) === '未确认', '... the statement is 未确认');
	const undo = staff.locator(`form[action="/statements/${sid}/uncancel"] button`);
	must(await undo.count() === 1, '... with a 撤销 button');
	await shot(staff, 'cancel-done');
	await go(staff, undo);
	ok(await said(staff) === '已撤销取消确认，对账单恢复为 符合', `撤销: ${await said(staff)}`);
	ok((await text(staff.locator('header.stmt-head .tag'))) === '符合', '... the statement is 符合 again');
	ok(await staff.locator(`form[action="/statements/${sid}/uncancel"]`).count() === 0,
		'... and no 撤销 any more');
	const events = await text(staff.locator('ul.events'));
	ok(events.includes('撤销取消确认'), 'its history lists 撤销取消确认', events);
	await shot(staff, 'uncancel-done');

	// --- the clerk on a phone: touch targets -----------------------------------
	const pocket = await phone(browser, false);
	const clerk = await pocket.newPage();
	watch(clerk, 'clerk phone', problems);
	await signIn(clerk, env.DZ_B_READY, env.DZ_B_READY_PW);
	await clerk.goto(base + '/statements');
	const nb = await clerk.locator('article.scard .actions .button').count();
	const low = await lowest(clerk.locator('article.scard .actions .button'));
	ok(nb > 0 && low >= 44, `on a phone, the cards' ${nb} buttons are >= 44 px tall (lowest ${low})`);
	const wide = await clerk.locator('main *').evaluateAll((els) =>
		Math.max(0, ...els.map((e) => e.getBoundingClientRect().right)));
	ok(wide <= 390.5, `nothing wider than the phone (${wide} px)`);
	await shot(clerk, 'phone-history');
	await clerk.goto(`${base}/statements/${sid}`);
	const sb = clerk.locator('section.statement .actions .button, section.statement .actions button');
	const slow = await lowest(sb);
	ok(await sb.count() > 0 && slow >= 44,
		`on a phone, the statement's ${await sb.count()} buttons are >= 44 px tall (lowest ${slow})`);
	await shot(clerk, 'phone-statement');

	ok(problems.length === 0, 'no script errors, CSP refusals or missing files',
		problems.join('\n'));
}

run('the history test', 60 * 1000, history);

// t/browser/flow.js: the statement flow through the real screens, in
// Debian's chromium driven by playwright-core.
//  - an admin signs in, adds a 往来对账 user in 用户管理 with the ERP
//    simulator's data address, presses 测试连接 before saving (the form
//    comes back filled in, with the answer), saves, presses 测试连接 on the
//    saved user's form, signs out;
//  - the clerk signs in, changes the password the form forces, opens
//    往来对账, finds 联想, queries the default period and types, ticks all,
//    presses 生成对账单, checks the statement page, makes a link in 分享;
//  - a phone (390x844, WeChat user agent, JavaScript off) opens the link,
//    is refused 不符合 without a description, answers 不符合 with one;
//  - the clerk sees 不符合 on the card, the description in 反馈内容, the
//    share in 每天发送的记录, deletes the statement; the phone gets 410.
// TAP on stdout (plan last); a screenshot of every screen in DZ_B_SHOTS.
// Run by t/browser/run.sh, which sets DZ_B_* and exports the DZ_TEST_* ones.
'use strict';
const { env, ok, diag, must, shot, pathOf, go, text, ymd, watch, desktop, phone,
	run } = require('./lib');

const base = env.DZ_TEST_BASE;
const CUSTOMER = '联想（北京）有限公司';

async function flow(browser) {
	const problems = [];
	const desk = await desktop(browser);
	const staff = await desk.newPage();
	watch(staff, 'staff', problems);

	// --- the admin adds the clerk ----------------------------------------
	await staff.goto(base + '/login');
	await shot(staff, 'login');
	await staff.fill('input[name=username]', env.DZ_B_ADMIN);
	await staff.fill('input[name=password]', env.DZ_B_ADMIN_PW);
	await go(staff, staff.locator('form[action="/login"] button[type=submit]'));
	must(pathOf(staff) === '/', 'the admin signs in', staff.url());
	ok(await staff.locator('nav.tabs a[href="/admin/users"]').count() === 1,
		'the admin has the 用户管理 tab');
	await shot(staff, 'admin-home');

	await go(staff, staff.locator('nav.tabs a[href="/admin/users"]'));
	must(pathOf(staff) === '/admin/users', '用户管理 opens', staff.url());
	await shot(staff, 'users-list');
	await go(staff, staff.locator('a[href="/admin/users/new"]'));
	must(pathOf(staff) === '/admin/users/new', '新增用户 opens the form', staff.url());
	await shot(staff, 'users-form-empty');
	const form = staff.locator('form[action="/admin/users/new"]');
	await form.locator('input[name=username]').fill(env.DZ_B_CLERK);
	const kinds = await form.locator('select[name=erp_kind] option').evaluateAll(
		(os) => os.map((o) => o.value));
	must(kinds.includes('grasp'), '版本 offers grasp (管家婆)', kinds.join(','));
	await form.locator('select[name=erp_kind]').selectOption('grasp');
	await form.locator('select[name=role]').selectOption('clerk');
	await form.locator('input[name=dsn]').fill(env.DZ_TEST_ERP_DSN);
	await form.locator('input[name=password]').fill(env.DZ_B_CLERK_PW0);
	await shot(staff, 'users-form-filled');
	// 测试连接 before saving: the same form, sent to the test route
	const tryIt = form.locator('button[formaction="/admin/users/new/test"]');
	must(await tryIt.count() === 1, '新增用户 offers 测试连接 before saving');
	await go(staff, tryIt);
	const tried = await staff.locator('#erp-test .ok').innerText().catch(() => '');
	const triedErr = await staff.locator('#erp-test .alert').innerText().catch(() => '');
	ok(/^连接成功：.+/.test(tried) && triedErr === '',
		`测试连接 of the unsaved address succeeds (${tried})`, triedErr);
	ok(await form.locator('input[name=username]').inputValue() === env.DZ_B_CLERK &&
		await form.locator('input[name=dsn]').inputValue() === env.DZ_TEST_ERP_DSN &&
		await form.locator('input[name=password]').inputValue() === env.DZ_B_CLERK_PW0 &&
		await form.locator('select[name=role]').inputValue() === 'clerk' &&
		await form.locator('select[name=erp_kind]').inputValue() === 'grasp',
		'the form comes back with everything typed');
	await shot(staff, 'users-form-tested');
	await go(staff, form.locator('button.primary[type=submit]'));
	must(pathOf(staff) === '/admin/users', 'saving goes back to the list',
		staff.url() + ' ' + await text(staff.locator('main')));
	const row = staff.locator('table.grid tbody tr', { hasText: env.DZ_B_CLERK });
	must(await row.count() === 1, 'the new user is in the list');
	const rowText = await text(row);
	ok(rowText.includes('往来对账'), 'as 往来对账', rowText);
	ok(await row.locator('td').nth(3).locator('.muted').count() === 1 &&
		!rowText.includes('未配置'), 'with an account set (the data address was read)', rowText);
	await shot(staff, 'users-saved');

	await go(staff, row.locator('a[href^="/admin/users/"]'));
	const test = staff.locator('form button[formaction$="/test"]');
	must(await test.count() === 1, "the saved user's form offers 测试连接");
	await go(staff, test);
	const okText = await staff.locator('#erp-test .ok').innerText().catch(() => '');
	const errText = await staff.locator('#erp-test .alert').innerText().catch(() => '');
	ok(okText.length > 0 && errText === '', `测试连接 succeeds (${okText})`, errText);
	await shot(staff, 'users-test-connection');
	await go(staff, staff.locator('form.logout button'));
	must(pathOf(staff) === '/login', 'the admin signs out', staff.url());

	// --- the clerk's first sign-in ---------------------------------------
	await staff.fill('input[name=username]', env.DZ_B_CLERK);
	await staff.fill('input[name=password]', env.DZ_B_CLERK_PW0);
	await go(staff, staff.locator('form[action="/login"] button[type=submit]'));
	must(pathOf(staff) === '/password', 'the clerk is sent to change the password', staff.url());
	ok((await text(staff.locator('main'))).includes('请先设置新密码'), 'the form says why');
	await shot(staff, 'password-forced');
	await staff.fill('input[name=old]', env.DZ_B_CLERK_PW0);
	await staff.fill('input[name=new]', env.DZ_B_CLERK_PW);
	await staff.fill('input[name=new2]', env.DZ_B_CLERK_PW);
	await go(staff, staff.locator('form[action="/password"] button[type=submit]'));
	must(pathOf(staff) === '/', 'the new password is taken; home page', staff.url());
	const tabs = await text(staff.locator('nav.tabs'));
	ok(tabs.includes('往来对账') && tabs.includes('对账单历史') && !tabs.includes('用户管理'),
		`the clerk's tabs: ${tabs}`);
	await shot(staff, 'home');

	// --- 往来对账 ---------------------------------------------------------
	await go(staff, staff.locator('nav.tabs a[href="/query"]'));
	must(pathOf(staff) === '/query', '往来对账 opens', staff.url());
	await staff.fill('#cust-q', '联想');
	await go(staff, staff.locator('#cust-search button[type=submit]'));
	const pick = staff.locator('#cust-list tr', { hasText: CUSTOMER });
	must(await pick.count() >= 1, `searching 联想 finds ${CUSTOMER}`,
		await text(staff.locator('main')));
	await shot(staff, 'query-search');
	await go(staff, pick.first().locator('a.button'));
	ok((await staff.locator('#cust-name').innerText()) === CUSTOMER, 'the customer is picked');
	const now = new Date();
	const from = ymd(new Date(now.getFullYear(), now.getMonth() - 1, 1));
	const to = ymd(new Date(now.getFullYear(), now.getMonth(), 0));
	const qFrom = await staff.inputValue('#filters input[name=from]');
	const qTo = await staff.inputValue('#filters input[name=to]');
	ok(qFrom === from && qTo === to, `the default period is last month (${qFrom} to ${qTo})`);
	const checked = async (v) => staff.isChecked(`#filters input[name=types][value=${v}]`);
	ok(await checked('sale') && await checked('return') && await checked('receipt'),
		'出库, 退货 and 收款 are ticked by default');
	await shot(staff, 'query-before');
	await go(staff, staff.locator('#filters button[type=submit]'));
	const docs = staff.locator('#pick .chunk tr:has(input[name=doc])');
	const nDocs = await docs.count();
	must(nDocs > 0, `the query shows documents (${nDocs})`, await text(staff.locator('main')));
	ok(await staff.locator('#doc-count').innerText() === String(nDocs), 'the count matches the rows');
	const opening = await staff.locator('#pick tr.opening #opening').innerText().catch(() => '');
	ok(/^¥-?[\d,]+\.\d\d$/.test(opening), `an opening balance row (${opening})`);
	const closing = await staff.locator('#closing').innerText().catch(() => '');
	ok(/^¥-?[\d,]+\.\d\d$/.test(closing), `a closing balance (${closing})`);
	// the closing is printed without its sign, worded 欠款金额 or 预收金额
	const lastBal = await docs.last().locator('td').last().innerText();
	const prepaid = (await staff.locator('#closing-label').innerText()) === '预收金额';
	ok(`¥${lastBal.replace(/^-/, '')}` === closing && lastBal.startsWith('-') === prepaid,
		`the running balance ends at the closing balance (${lastBal})`);
	await shot(staff, 'query-after');

	const all = staff.locator('#check-all');
	ok(await all.isVisible(), 'a select-all box (JavaScript on)');
	const ticked = () => staff.locator('#pick input[name=doc]:checked').count();
	if (await all.isChecked())
		await all.click();
	ok(await ticked() === 0, 'select-all clears every document');
	await all.click();
	ok(await ticked() === nDocs, 'select-all ticks every document');

	// --- 生成对账单 --------------------------------------------------------
	await go(staff, staff.locator('#pick button.primary[type=submit]'));
	const m = pathOf(staff).match(/^\/statements\/(\d+)$/);
	must(m !== null, 'generating lands on the statement page', staff.url() + ' ' +
		await text(staff.locator('main')).catch(() => ''));
	const sid = m[1];
	diag(`statement ${sid}, ${nDocs} documents, closing ${closing}`);
	const head = await text(staff.locator('header.stmt-head'));
	ok(head.includes(CUSTOMER) && head.includes(`${from} 至 ${to}`),
		'the statement names the customer and the period', head);
	ok(head.includes(`${nDocs} 笔单据`), `it counts ${nDocs} documents`, head);
	ok(head.includes('欠款金额') &&
		await staff.locator('header.stmt-head .debt').innerText() === closing,
		`欠款金额 ${closing} as the query showed`, head);
	ok(head.includes('未确认'), 'state 未确认');
	ok(await staff.locator('section.statement tbody > tr').count() >= nDocs,
		'every document is listed');
	await shot(staff, 'statement');

	// --- 分享 --------------------------------------------------------------
	await go(staff, staff.locator('.actions a', { hasText: '分享' }));
	must(pathOf(staff) === `/statements/${sid}/share`, '分享 opens', staff.url());
	await shot(staff, 'share-none');
	await go(staff, staff.locator(`form[action="/statements/${sid}/share"] button`));
	const url = await staff.locator('#share-url').inputValue().catch(() => '');
	must(/^https:\/\/[^/]+\/c\/[A-Za-z0-9_-]{43}$/.test(url),
		'分享 makes a link of 43 characters', url);
	const qr = staff.locator('img.qr');
	await qr.evaluate((img) => img.complete ||
		new Promise((res) => { img.onload = img.onerror = res; }));
	ok(await qr.evaluate((img) => img.naturalWidth > 0), 'the QR image loads');
	const png = await desk.request.get(`${base}/statements/${sid}/qr.png?download=1`);
	ok(png.status() === 200 && png.headers()['content-type'] === 'image/png' &&
		(await png.body()).subarray(1, 4).toString() === 'PNG', 'the PNG download is a PNG');
	await shot(staff, 'share');

	// --- the customer, on a phone, no JavaScript ----------------------------
	const mobile = await phone(browser, false);
	const cust = await mobile.newPage();
	watch(cust, 'phone', problems);
	const res = await cust.goto(url);
	must(res.status() === 200, 'the phone opens the link', res.status());
	const page1 = await text(cust.locator('main'));
	ok(page1.includes('对账单') && page1.includes(CUSTOMER), 'it shows 对账单 and the customer');
	ok(await cust.locator('.head .debt').innerText() === closing, `欠款金额 ${closing}`);
	ok(page1.includes('未确认'), 'state 未确认');
	const box = async (sel) => cust.locator(sel).first().boundingBox();
	const debt = await box('.head .debt');
	ok(debt && debt.y + debt.height <= 844, '欠款金额 is on the first screen');
	// scrollWidth, read without page JavaScript: the widest box on the page
	const widest = await cust.locator('main *').evaluateAll((els) =>
		Math.max(0, ...els.map((e) => e.getBoundingClientRect().right)))
		.catch(() => null);
	ok(widest !== null && widest <= 390.5, `nothing wider than the phone (${widest} px)`);
	const fs = await cust.locator('.cust').evaluate((e) =>
		parseFloat(getComputedStyle(e).fontSize)).catch(() => 0);
	ok(fs >= 16, `body text ${fs} px >= 16 px`);
	await shot(cust, 'phone-statement');
	if (await cust.locator('details summary').count() > 0) {
		await cust.locator('details summary').first().click();
		ok(await cust.locator('details[open] .lines li').count() >= 1,
			'tapping a document shows its goods (no JavaScript)');
		await shot(cust, 'phone-goods');
	}
	const no = await box('button.no');
	ok(no && no.height >= 44 && no.width >= 44, `不符合 is a large button (${no && no.height} px)`);

	await go(cust, cust.locator('button.no'));
	const refused = await cust.locator('#answer .alert').innerText().catch(() => '');
	ok(refused.length > 0, `不符合 without a description is refused: ${refused}`);
	ok(await cust.locator('button.no').count() === 1, 'and the page still asks');
	await shot(cust, 'phone-refused');
	const desc = `浏览器测试 ${env.DZ_B_CLERK}: 上月 5 日的出库单少了 2 箱 <b>请核对</b>`;
	await cust.fill('#description', desc);
	const nav = await go(cust, cust.locator('button.no'));
	ok(nav && nav.status() === 200, 'the answer is taken');
	const after = await text(cust.locator('main'));
	ok(after.includes('已答复：不符合'), 'the page shows the recorded answer', after.slice(0, 300));
	ok(after.includes(desc), 'and the description, as text');
	ok(await cust.locator('button.no, button.yes').count() === 0, 'no buttons any more');
	await shot(cust, 'phone-answered');

	// --- the clerk sees it -----------------------------------------------
	await go(staff, staff.locator('nav.tabs a[href="/statements"]'));
	const card = staff.locator(`#stmt-${sid}`);
	must(await card.count() === 1, 'the statement is on 对账单历史');
	const cardText = await text(card);
	ok(cardText.includes('不符合'), 'its card says 不符合', cardText);
	ok(await card.locator('.tag.st-disputed').count() === 1, 'with the 不符合 tag');
	ok(await card.locator('.debt').innerText() === closing, 'and 欠款金额 ' + closing);
	ok(cardText.includes(`${nDocs} 笔单据`), `and ${nDocs} 笔单据`, cardText);
	await shot(staff, 'history');
	await go(staff, card.locator('a', { hasText: '反馈内容' }));
	const fb = await text(staff.locator('main'));
	ok(fb.includes(desc), '反馈内容 shows the description as text', fb.slice(0, 300));
	ok(fb.includes('不符合'), 'and the decision');
	ok(await staff.locator('main b').count() === 0, 'no markup from the customer');
	await shot(staff, 'feedback');
	await staff.goto(base + '/statements');
	await go(staff, staff.locator('a[href="/statements/sends"]'));
	const send = staff.locator('table.grid tbody tr', {
		has: staff.locator(`a[href="/statements/${sid}"]`) });
	must(await send.count() === 1, '每天发送的记录 lists the share');
	const sendText = await text(send);
	ok(sendText.includes(env.DZ_B_CLERK) && sendText.includes(CUSTOMER),
		'by the clerk, to the customer', sendText);
	ok(sendText.includes('已打开') && sendText.includes('已回复') && sendText.includes('不符合'),
		'opened, answered, 不符合', sendText);
	await shot(staff, 'sends');

	// --- 删除, and the link is gone -----------------------------------------
	await staff.goto(`${base}/statements`);
	await go(staff, staff.locator(`#stmt-${sid} a`, { hasText: '删除' }));
	await shot(staff, 'delete-confirm');
	await go(staff, staff.locator(`form[action="/statements/${sid}/delete"] button[type=submit]`));
	ok(await staff.locator(`#stmt-${sid}`).count() === 0, 'deleted: the card is gone');
	await shot(staff, 'history-deleted');
	const gone = await cust.goto(url);
	ok(gone.status() === 410, `the phone gets 410 (${gone.status()})`);
	const goneText = await text(cust.locator('main'));
	ok(!goneText.includes(CUSTOMER) && !goneText.includes(closing.replace('¥', '')),
		'the 410 page shows no statement data', goneText);
	await shot(cust, 'phone-gone');

	ok(problems.length === 0, 'no script errors, CSP refusals or missing files',
		problems.join('\n'));
}

run('the flow', 110 * 1000, flow);

// t/browser/customer.js: the customer's page after 取消确认, through the
// real screens (run by t/browser/customer.sh, i.e. run.sh customer.js):
//  - a ready clerk (DZ_B_READY) makes a statement of 联想's documents and
//    shares it;
//  - a phone (JavaScript off) answers 不符合 with a description;
//  - the clerk presses 取消确认 on 对账单历史 (and confirms);
//  - the phone reloads: a note says the company reopened the statement and
//    when, with the earlier answer and its description, above an empty
//    form; it answers 符合, and the page shows that answer instead.
'use strict';
const { env, ok, diag, must, shot, pathOf, go, text, watch, desktop, phone,
	signIn, pickCustomer, run } = require('./lib');

const base = env.DZ_TEST_BASE;
const CUSTOMER = '联想（北京）有限公司';
const STAMP = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/;

async function customer(browser) {
	const problems = [];
	const desk = await desktop(browser);
	const staff = await desk.newPage();
	watch(staff, 'staff', problems);

	// --- the clerk makes and shares a statement ------------------------------
	await signIn(staff, env.DZ_B_READY, env.DZ_B_READY_PW);
	must(pathOf(staff) === '/', 'the clerk signs in', staff.url());
	await pickCustomer(staff, '联想', CUSTOMER, `往来对账 finds ${CUSTOMER}`);
	await go(staff, staff.locator('#filters button[type=submit]'));
	const nDocs = await staff.locator('#pick input[name=doc]').count();
	must(nDocs > 0, `the query shows documents (${nDocs})`);
	const all = staff.locator('#check-all');
	if (!(await all.isChecked()))
		await all.click();
	await go(staff, staff.locator('#pick button.primary[type=submit]'));
	const m = pathOf(staff).match(/^\/statements\/(\d+)$/);
	must(m !== null, '生成对账单 makes a statement', staff.url());
	const sid = m[1];
	await go(staff, staff.locator('.actions a', { hasText: '分享' }));
	await go(staff, staff.locator(`form[action="/statements/${sid}/share"] button`));
	const url = await staff.locator('#share-url').inputValue().catch(() => '');
	must(/\/c\/[A-Za-z0-9_-]{43}$/.test(url), '分享 gives a link', url);
	diag(`statement ${sid}, ${nDocs} documents`);

	// --- the phone answers 不符合 --------------------------------------------
	const mobile = await phone(browser, false);
	const cust = await mobile.newPage();
	watch(cust, 'phone', problems);
	must((await cust.goto(url)).status() === 200, 'the phone opens the link');
	const desc = `浏览器测试 ${env.DZ_B_READY}: 第二张出库单少了 3 箱`;
	await cust.fill('#description', desc);
	await go(cust, cust.locator('button.no'));
	must((await text(cust.locator('#answer'))).includes('已答复：不符合'),
		'the phone answers 不符合', await text(cust.locator('main')));
	ok(await cust.locator('.reopened').count() === 0, 'no reopening note yet');

	// --- the clerk presses 取消确认 --------------------------------------------
	await go(staff, staff.locator('nav.tabs a[href="/statements"]'));
	const card = staff.locator(`#stmt-${sid}`);
	must(await card.count() === 1, 'the statement is on 对账单历史');
	ok((await text(card)).includes('不符合'), 'its card says 不符合');
	await go(staff, card.locator('a', { hasText: '取消确认' }));
	await shot(staff, 'cancel-confirm');
	await go(staff, staff.locator(`form[action="/statements/${sid}/cancel"] button[type=submit]`));
	await staff.goto(`${base}/statements`);
	ok((await text(staff.locator(`#stmt-${sid}`))).includes('未确认'),
		'取消确认: the card says 未确认 again');

	// --- the phone reloads: the note, the earlier answer, the form ------------
	const res = await cust.reload();
	must(res.status() === 200, 'the phone reloads the page');
	const note = cust.locator('#answer .reopened');
	must(await note.count() === 1, 'a note says the statement was reopened',
		await text(cust.locator('#answer')));
	const noteText = await text(note);
	ok(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 重新打开了这张对账单/.test(noteText),
		'it says the company reopened it, and when', noteText);
	ok(noteText.includes('您此前的答复：不符合'), 'with the earlier answer 不符合', noteText);
	ok(noteText.match(new RegExp(`答复时间 ${STAMP.source}`)) !== null,
		'and the time of that answer', noteText);
	ok(noteText.includes(desc), 'and its description', noteText);
	const form = cust.locator('#answer form');
	must(await form.count() === 1, 'the form is back');
	const nb = await note.boundingBox();
	const fb = await form.boundingBox();
	ok(nb && fb && nb.y + nb.height <= fb.y + 1, 'the note is above the form');
	ok(await cust.inputValue('#description') === '', 'the description box is empty');
	ok(await cust.locator('button.yes').count() === 1 &&
		await cust.locator('button.no').count() === 1, '符合 and 不符合 again');
	await note.scrollIntoViewIfNeeded();
	await shot(cust, 'phone-reopened');

	// --- the phone answers again ---------------------------------------------
	await cust.fill('#description', '已重新核对，无误');
	await go(cust, cust.locator('button.yes'));
	const after = await text(cust.locator('#answer'));
	ok(after.includes('已答复：符合') && after.includes('已重新核对，无误'),
		'the new answer 符合 is recorded and shown', after);
	ok(await cust.locator('.reopened').count() === 0 &&
		!after.includes(desc), 'the note and the earlier answer are gone', after);
	await shot(cust, 'phone-answered-again');
	await go(staff, staff.locator('nav.tabs a[href="/statements"]'));
	ok(await staff.locator(`#stmt-${sid} .tag.st-agreed`).count() === 1,
		'the clerk sees 符合 on the card');

	ok(problems.length === 0, 'no script errors, CSP refusals or missing files',
		problems.join('\n'));
}

run('the customer after 取消确认', 60 * 1000, customer);

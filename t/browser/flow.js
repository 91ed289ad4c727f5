// t/browser/flow.js: staff signs in, opens 对账单历史, shares a statement;
// a phone (390x844, mobile UA, touch) opens the link, reads the statement,
// tries 不符合 without a description, then answers 不符合 with one; staff sees
// 不符合 on the history card and the description in 反馈内容. TAP on stdout,
// a screenshot of each screen in DZ_B_SHOTS. Run by t/browser/run.sh.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');

const base = process.env.DZ_TEST_BASE;
const shots = process.env.DZ_B_SHOTS;
const sid = process.env.DZ_B_SID;
let n = 0, failed = 0;
function ok(cond, desc, extra) {
	n++;
	console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${desc}`);
	if (!cond) {
		failed++;
		if (extra !== undefined)
			console.log(`# ${String(extra).slice(0, 300).replace(/\n/g, '\n# ')}`);
	}
	return cond;
}
async function shot(page, name) {
	await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
}

const phoneUA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 ' +
	'(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47';

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.DZ_CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync'],
	});
	try {
		// --- staff, on a desktop ---------------------------------------
		const desk = await browser.newContext({ ignoreHTTPSErrors: true,
			viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
		const staff = await desk.newPage();
		await staff.goto(base + '/login');
		await shot(staff, '01-login');
		await staff.fill('input[name=username]', process.env.DZ_B_USER);
		await staff.fill('input[name=password]', process.env.DZ_B_PASS);
		await Promise.all([staff.waitForNavigation(), staff.click('button[type=submit]')]);
		ok(new URL(staff.url()).pathname === '/', 'staff signs in', staff.url());

		await staff.goto(base + '/statements');
		const card = staff.locator(`#stmt-${sid}`);
		ok(await card.count() === 1, 'the statement is on 对账单历史');
		ok((await card.innerText()).includes('未确认'), 'its card says 未确认');
		await shot(staff, '02-history');

		await card.locator('a', { hasText: '分享' }).click();
		await staff.waitForLoadState();
		await shot(staff, '03-share-none');
		const make = staff.locator('form[action$="/share"] button');
		await Promise.all([staff.waitForNavigation(), make.first().click()]);
		const url = await staff.locator('#share-url').inputValue().catch(() => '');
		ok(/^https:\/\/[^/]+\/c\/[A-Za-z0-9_-]{43}$/.test(url), 'share makes a link of 43 characters');
		ok(await staff.locator('img.qr').count() === 1, 'with its QR code');
		await shot(staff, '04-share');

		// --- the customer, on a phone ---------------------------------------
		const phone = await browser.newContext({ ignoreHTTPSErrors: true,
			viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
			isMobile: true, hasTouch: true, userAgent: phoneUA, locale: 'zh-CN',
			javaScriptEnabled: false });
		const cust = await phone.newPage();
		const res = await cust.goto(url);
		ok(res.status() === 200, 'the phone opens the link');
		const text = await cust.locator('main').innerText();
		ok(text.includes('对账单') && text.includes(process.env.DZ_B_CUSTOMER),
			'shows 对账单 and the customer');
		ok(text.includes('¥3,000.00'), 'shows 欠款金额');
		const wide = await cust.evaluate(() =>
			document.documentElement.scrollWidth <= window.innerWidth);
		ok(wide, 'nothing wider than the screen');
		const fs = await cust.evaluate(() =>
			parseFloat(getComputedStyle(document.querySelector('.cust')).fontSize));
		ok(fs >= 16, `body text ${fs} px >= 16 px`);
		const debtTop = await cust.locator('.head .debt').boundingBox();
		ok(debtTop && debtTop.y + debtTop.height <= 844, '欠款金额 on the first screen');
		await shot(cust, '05-phone-statement');
		await cust.locator('details summary').first().click();
		ok(await cust.locator('details').first().evaluate(d => d.open),
			'tapping a document opens its goods (no JavaScript)');
		ok(await cust.locator('details[open] .lines li').count() >= 1, 'goods lines shown');
		await shot(cust, '06-phone-goods');
		const btn = await cust.locator('button.no').boundingBox();
		ok(btn && btn.height >= 44 && btn.width >= 44, `buttons are large (${btn && btn.height} px high)`);

		await Promise.all([cust.waitForNavigation(), cust.click('button.no')]);
		ok((await cust.locator('.alert').innerText().catch(() => '')).length > 0,
			'不符合 without a description is refused with a message');
		await shot(cust, '07-phone-refused');
		const desc = '3 月 2 日的螺丝少了 2 盒 <b>请核对</b>';
		await cust.fill('#description', desc);
		const [nav] = await Promise.all([cust.waitForNavigation(), cust.click('button.no')]);
		ok(nav && nav.status() === 200, 'the answer is accepted (303 then the page)');
		const after = await cust.locator('main').innerText();
		ok(after.includes('已答复：不符合'), 'the page shows the recorded answer', after.slice(0, 300));
		ok(after.includes(desc), 'and the description, as text');
		ok(await cust.locator('button.no').count() === 0, 'no buttons any more');
		await shot(cust, '08-phone-answered');

		// --- staff sees it ------------------------------------------------------
		await staff.goto(base + '/statements');
		ok((await staff.locator(`#stmt-${sid}`).innerText()).includes('不符合'),
			'the history card says 不符合');
		await shot(staff, '09-history-answered');
		await staff.goto(`${base}/statements/${sid}/feedback`);
		const fb = await staff.locator('main').innerText();
		ok(fb.includes(desc), '反馈内容 shows the description as text', fb.slice(0, 300));
		ok(await staff.locator('main b').count() === 0, 'no markup from the customer');
		await shot(staff, '10-feedback');
	} catch (e) {
		ok(false, 'the flow ran to the end', e && e.stack);
	} finally {
		await browser.close();
	}
	console.log(`1..${n}`);
	process.exit(failed === 0 ? 0 : 1);
})();

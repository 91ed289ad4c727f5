// t/browser/lib.js: what every browser test shares: TAP output, a
// screenshot of every screen, navigation that waits for the next page,
// the watcher of script errors and missing files, the phone's identity,
// and the runner that bounds a test in time and prints the plan last.
// Each test (flow.js, …) is started by t/browser/run.sh with DZ_B_* set.
'use strict';
const { chromium } = require('playwright-core');
const path = require('path');

const env = process.env;
const t0 = Date.now();
const tally = { n: 0, failed: 0, shots: 0, favicon404: 0 };

function ok(cond, desc, extra) {
	tally.n++;
	console.log(`${cond ? 'ok' : 'not ok'} ${tally.n} - ${desc}`);
	if (!cond) {
		tally.failed++;
		if (extra !== undefined)
			console.log(`# ${String(extra).slice(0, 400).replace(/\n/g, '\n# ')}`);
	}
	return !!cond;
}
function diag(s) { console.log(`# ${s}`); }
// A check that must pass for the rest of the test to make sense.
function must(cond, desc, extra) {
	if (!ok(cond, desc, extra))
		throw new Error(`cannot go on: ${desc}`);
}
// A full-page screenshot, numbered in the order taken, with the test's
// own prefix (DZ_B_PREFIX) so that several tests share one folder.
async function shot(page, name) {
	tally.shots++;
	const f = `${env.DZ_B_PREFIX || ''}${String(tally.shots).padStart(2, '0')}-${name}.png`;
	await page.screenshot({ path: path.join(env.DZ_B_SHOTS, f), fullPage: true });
}
const pathOf = (page) => new URL(page.url()).pathname;
// Click and wait for the page the click leads to; returns its response.
async function go(page, locator) {
	const [res] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		locator.click(),
	]);
	return res;
}
async function text(loc) { return (await loc.innerText()).replace(/\s+/g, ' '); }
function ymd(d) {
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-` +
		String(d.getDate()).padStart(2, '0');
}
// Problems a page reports by itself: script errors, CSP refusals, a
// stylesheet, script or image that does not load.
function watch(page, label, bag) {
	page.on('pageerror', (e) => bag.push(`${label}: ${e.message}`));
	page.on('console', (m) => {
		// a refused form (400) or the 410 page are documents, not missing
		// files; those are caught by the response handler below, except
		// the icon, which playwright does not report as a response
		if (m.type() !== 'error')
			return;
		if (m.text().startsWith('Failed to load resource')) {
			if (/\/favicon\.ico$/.test(m.location().url || ''))
				tally.favicon404++;
		} else {
			bag.push(`${label} ${pathOf(page)}: ${m.text().slice(0, 90)}` +
				(m.location().url ? ` (${m.location().url})` : ''));
		}
	});
	page.on('response', (r) => {
		const t = r.request().resourceType();
		if (t === 'document' || r.status() < 400)
			return;
		// no icon is a wart (reported), not a broken screen
		if (new URL(r.url()).pathname === '/favicon.ico')
			tally.favicon404++;
		else
			bag.push(`${label}: ${r.status()} ${r.url()} (${t})`);
	});
	page.on('requestfailed', (r) => bag.push(`${label}: failed ${r.url()}`));
}

const phoneUA = 'Mozilla/5.0 (Linux; Android 13; PJZ110 Build/TP1A.220905.001; wv) ' +
	'AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 ' +
	'Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230405 MMWEBID/2611 ' +
	'MicroMessenger/8.0.35.2360(0x28002339) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

// The staff's desktop browser and the customer's phone (JavaScript off
// unless js is true).
async function desktop(browser, opts) {
	const c = await browser.newContext(Object.assign({ ignoreHTTPSErrors: true,
		viewport: { width: 1280, height: 900 }, locale: 'zh-CN' }, opts || {}));
	c.setDefaultTimeout(15000);
	return c;
}
async function phone(browser, js) {
	const c = await browser.newContext({ ignoreHTTPSErrors: true,
		viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
		isMobile: true, hasTouch: true, userAgent: phoneUA, locale: 'zh-CN',
		javaScriptEnabled: !!js });
	c.setDefaultTimeout(15000);
	return c;
}

// Sign in on the login form; the caller checks where it landed.
async function signIn(page, user, pw) {
	await page.goto(env.DZ_TEST_BASE + '/login');
	await page.fill('input[name=username]', user);
	await page.fill('input[name=password]', pw);
	return go(page, page.locator('form[action="/login"] button[type=submit]'));
}

// 往来对账: search for q and open customer (the row whose text holds it);
// desc names the check that it was found.
async function pickCustomer(page, q, customer, desc) {
	await page.goto(env.DZ_TEST_BASE + '/query');
	await page.fill('#cust-q', q);
	await go(page, page.locator('#cust-search button[type=submit]'));
	const pick = page.locator('#cust-list tr', { hasText: customer });
	must(await pick.count() >= 1, desc);
	await go(page, pick.first().locator('a.button'));
}

function launch() {
	return chromium.launch({
		executablePath: env.DZ_CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--disable-dev-shm-usage', '--lang=zh-CN'],
	});
}

// Run body(browser) within budgetMs, then the timing check and the plan.
function run(name, budgetMs, body) {
	(async () => {
		let browser;
		const timer = setTimeout(() => {
			ok(false, `${name} ends within ${budgetMs / 1000} s`);
			console.log(`1..${tally.n}`);
			process.exit(1);
		}, budgetMs);
		try {
			browser = await launch();
			await body(browser);
		} catch (e) {
			ok(false, `${name} ran to the end`, e && e.stack);
		} finally {
			if (browser)
				await browser.close().catch(() => {});
		}
		clearTimeout(timer);
		const secs = (Date.now() - t0) / 1000;
		ok(secs * 1000 < budgetMs, `${name} took ${secs.toFixed(1)} s`);
		if (tally.favicon404 > 0)
			diag(`/favicon.ico answered 404 ${tally.favicon404} times (no <link rel="icon">)`);
		console.log(`1..${tally.n}`);
		process.exit(tally.failed === 0 ? 0 : 1);
	})();
}

module.exports = { env, ok, diag, must, shot, pathOf, go, text, ymd, watch,
	phoneUA, desktop, phone, signIn, pickCustomer, launch, run, tally };

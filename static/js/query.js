/*
 * query.js: what the 往来对账 page does with JavaScript on. Everything works
 * without it: the search box is a GET form, the tick boxes are plain
 * checkboxes, 预览 shows the figures of new ticks, a document's number links
 * to its goods. CSP-safe: no inline script, no eval, same origin only, no
 * words of its own (the page gives them: data-owed, data-prepaid).
 *  - search as you type: fetch this same page for the typed text and swap
 *    in its customer list;
 *  - select all: the head checkbox ticks or clears every document;
 *  - live totals: 已勾选, the count and sum of each type, the closing
 *    balance (worded 欠款金额 or 预收金额 like templates/balance.cs) and the
 *    running balance of the ticked rows follow the ticks, so the footer
 *    always says what 生成对账单 will store;
 *  - goods in place: a document's number opens its goods under its row
 *    (the same page the link leads to without JavaScript).
 *
 * Speed (t/bench/browser-query.sh): a page may hold 10,000 rows. The rows
 * are read once (amounts as integer fen); a tick changes the sums by its
 * own amount and the running balances after it as numbers; only the chunks
 * of 50 rows the browser is drawing get their cells written now, the
 * others when they come on screen (contentvisibilityautostatechange), so a
 * tick costs one screen of DOM work, not 10,000 rows.
 */
(function () {
	'use strict';

	function searchAsYouType() {
		var form = document.getElementById('cust-search');
		var box = document.getElementById('cust-q');
		var timer = null, seq = 0;

		if (!form || !box || !window.fetch || !window.DOMParser)
			return;
		box.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(function () {
				var mine = ++seq;
				var url = '/query?q=' + encodeURIComponent(box.value.trim());

				fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
					.then(function (res) { return res.ok ? res.text() : null; })
					.then(function (html) {
						var doc, fresh, old;

						if (html === null || mine !== seq)
							return;
						doc = new DOMParser().parseFromString(html, 'text/html');
						fresh = doc.getElementById('cust-list');
						old = document.getElementById('cust-list');
						if (fresh && old)
							old.replaceWith(document.importNode(fresh, true));
						if (window.history && history.replaceState)
							history.replaceState(null, '', url);
					})
					.catch(function () { /* the form still works */ });
			}, 250);
		});
	}

	/*
	 * Money as the server prints it ("-1,234.50", maybe with ¥) <-> fen.
	 * Numbers are exact integers up to 2^53 fen (90 trillion yuan); a page
	 * whose amounts could add up past that is left to 预览 (liveTotals
	 * checks the sum of their sizes once).
	 */
	function fen(text) {
		var s = text.replace(/[^0-9.\-]/g, ''), neg = s.charAt(0) === '-', p;

		p = (neg ? s.slice(1) : s).split('.');
		s = (p[0] || '0') + ((p[1] || '') + '00').slice(0, 2);
		return neg ? -Number(s) : Number(s);
	}

	/* The same for a row's amount, which is always "-1,234.50": quick. */
	function rowFen(text) {
		var s = text.replace(/,/g, ''), j = s.length - 3;

		return s.charAt(j) === '.' ? Number(s.slice(0, j) + s.slice(j + 1)) : fen(text);
	}

	function money(f) {
		var neg = f < 0, s = String(neg ? -f : f), i;

		while (s.length < 3)
			s = '0' + s;
		i = s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
		return (neg ? '-' : '') + i + '.' + s.slice(-2);
	}

	function setText(id, text) {
		var e = document.getElementById(id);

		if (e && e.textContent !== text)
			e.textContent = text;
	}

	function liveTotals(form) {
		var chunks = form.querySelectorAll('.chunk');
		var openBox = form.querySelector('input[name=opening]');
		var openCell = document.getElementById('opening');
		var stale = document.getElementById('stale');
		var all = document.getElementById('check-all');
		var groups = ['sale', 'return', 'receipt', 'other'];
		var tags = { 'tag ty-sale': 'sale', 'tag ty-return': 'return', 'tag ty-receipt': 'receipt' };
		var boxes = [], amt = [], grp = [], on = [], bal = [], cell = [], row = [];
		var shown = [], drawn = [], first = [], dirty = [], skipped = [], chunkOf = [];
		var cnt = {}, sum = {}, picked = 0, n = 0, nread = 0, ready = false, dead = false;
		var opening, openOn, size, i;

		if (!openCell || !openBox || !stale)
			return;
		opening = fen(openCell.textContent);
		openOn = openBox.checked;
		size = Math.abs(opening);

		/* Chunk c's rows, read once, cell by cell: tick, date, type,
		 * number, summary, amount, balance (templates/query/index.cs). */
		function read(c) {
			var rows = chunks[c].firstElementChild.tBodies[0].rows, j, td, box;

			first[c] = n;
			for (j = 0; j < rows.length; j++) {
				td = rows[j].firstElementChild;
				box = td && td.firstElementChild;
				if (!box || box.name !== 'doc')
					continue;	/* goods opened already */
				row[n] = rows[j];
				boxes[n] = box;
				box.dzRow = n;
				chunkOf[n] = c;
				/* what the server drew: the box's checked attribute */
				drawn[n] = boxes[n].defaultChecked;
				td = td.nextElementSibling.nextElementSibling;
				grp[n] = tags[td.firstElementChild.className] || 'other';
				td = td.nextElementSibling.nextElementSibling.nextElementSibling;
				amt[n] = rowFen(td.textContent);
				size += Math.abs(amt[n]);
				cell[n] = td.nextElementSibling;
				n++;
			}
			first[c + 1] = n;
		}

		/* Write chunk c's rows as the state says; only cells that differ. */
		function paint(c) {
			var i, t;

			dirty[c] = false;
			for (i = first[c]; i < first[c + 1]; i++) {
				t = on[i] ? money(bal[i]) : '';
				if (shown[i] === undefined)
					shown[i] = cell[i].textContent;
				if (t !== shown[i])
					cell[i].textContent = shown[i] = t;
				if (on[i] !== drawn[i]) {
					row[i].classList.toggle('off', !on[i]);
					drawn[i] = on[i];
				}
			}
		}

		/* Running balances from row from on; chunks off screen wait. */
		function balances(from) {
			var s = from > 0 ? bal[from - 1] : (openOn ? opening : 0), i, c;

			for (i = from; i < n; i++) {
				if (on[i])
					s += amt[i];
				bal[i] = s;
			}
			for (c = from < n ? chunkOf[from] : chunks.length; c < chunks.length; c++)
				dirty[c] = true;
		}

		function paintDirty(from) {
			var c;

			for (c = from; c < chunks.length; c++)
				if (dirty[c] && !skipped[c])
					paint(c);
		}

		function count() {
			var i, g;

			picked = 0;
			for (g = 0; g < groups.length; g++) {
				cnt[groups[g]] = 0;
				sum[groups[g]] = 0;
			}
			for (i = 0; i < n; i++) {
				on[i] = boxes[i].checked;
				if (on[i]) {
					picked++;
					cnt[grp[i]]++;
					sum[grp[i]] += amt[i];
				}
			}
		}

		function footer() {
			var closing = openOn ? opening : 0, g, neg, e;

			for (g = 0; g < groups.length; g++) {
				closing += sum[groups[g]];
				setText('n-' + groups[g], String(cnt[groups[g]]));
				setText('sum-' + groups[g], money(sum[groups[g]]));
			}
			setText('picked', String(picked));
			setText('sum-opening', money(openOn ? opening : 0));
			neg = closing < 0;
			setText('closing-label', form.getAttribute(neg ? 'data-prepaid' : 'data-owed'));
			setText('closing', '¥' + money(neg ? -closing : closing));
			if ((e = document.getElementById('closing')))
				e.classList.toggle('prepaid', neg);
			openBox.parentNode.parentNode.classList.toggle('off', !openOn);
			if (all) {
				all.checked = n > 0 && picked === n;
				all.indeterminate = picked > 0 && picked < n;
			}
		}

		/*
		 * The rest of the rows, read now (a tick before the slices below
		 * are done). Then the state from the ticks as they are: the
		 * browser may have kept others than the page's across back and
		 * forward. As drawn, the cells are right already and nothing is
		 * written. Amounts whose sizes add up past 2^53 fen: not live
		 * (the stale hint says to use 预览).
		 */
		function finish() {
			var i, c;

			if (ready)
				return !dead;
			while (nread < chunks.length)
				read(nread++);
			ready = true;
			if (!(size <= Number.MAX_SAFE_INTEGER)) {
				dead = true;
				stale.hidden = false;
				return false;
			}
			count();
			balances(0);
			for (i = 0; i < n && on[i] === drawn[i]; i++)
				;
			footer();
			if (i < n || openOn !== openBox.defaultChecked) {
				paintDirty(0);
			} else {
				for (c = 0; c < chunks.length; c++)
					dirty[c] = false;
			}
			return true;
		}

		/* reading 10,000 rows takes tens of ms: in slices of ~8 ms, so
		 * the page answers a click at once meanwhile */
		function slice() {
			var end = Date.now() + 8;

			if (ready)
				return;
			while (nread < chunks.length && Date.now() < end)
				read(nread++);
			if (nread < chunks.length)
				setTimeout(slice, 0);
			else
				finish();
		}

		form.addEventListener('change', function (ev) {
			var t = ev.target, i;

			if (t.name === 'doc') {
				if (!ready) {
					finish();
					return;
				}
				i = t.dzRow;
				if (dead || i === undefined || on[i] === t.checked)
					return;
				on[i] = t.checked;
				picked += on[i] ? 1 : -1;
				cnt[grp[i]] += on[i] ? 1 : -1;
				sum[grp[i]] += on[i] ? amt[i] : -amt[i];
				footer();
				balances(i);
				paintDirty(chunkOf[i]);
			} else if (t === openBox && finish()) {
				openOn = openBox.checked;
				footer();
				balances(0);
				paintDirty(0);
			}
		});
		if (all) {
			all.hidden = false;
			all.addEventListener('change', function () {
				var b = form.querySelectorAll('input[name=doc]'), i;

				for (i = 0; i < b.length; i++)
					b[i].checked = all.checked;
				all.indeterminate = false;
				if (finish()) {
					count();
					footer();
					balances(0);
					paintDirty(0);
				}
			});
		}
		/* which chunks the browser skips (the event does not bubble: caught
		 * on its way down) */
		form.addEventListener('contentvisibilityautostatechange', function (ev) {
			var c = ev.target.dzChunk;

			if (c === undefined)
				return;
			skipped[c] = ev.skipped;
			if (!ev.skipped && dirty[c])
				paint(c);
		}, true);
		for (i = 0; i < chunks.length; i++) {
			chunks[i].dzChunk = i;
			dirty[i] = skipped[i] = false;
		}
		stale.hidden = true;
		setTimeout(slice, 0);
	}

	/* A document's number: its goods under its row, fetched once. */
	function goodsInPlace(form) {
		if (!window.fetch || !window.DOMParser)
			return;
		form.addEventListener('click', function (ev) {
			var a = ev.target.closest ? ev.target.closest('a[href^="/query/doc/"]') : null;
			var tr, next;

			if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey)
				return;
			ev.preventDefault();
			tr = a.parentNode.parentNode;
			next = tr.nextElementSibling;
			if (next && next.classList.contains('goods')) {
				next.hidden = !next.hidden;
				a.setAttribute('aria-expanded', String(!next.hidden));
				return;
			}
			fetch(a.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
				.then(function (res) { return res.ok ? res.text() : null; })
				.then(function (html) {
					var doc = html && new DOMParser().parseFromString(html, 'text/html');
					var g = doc && doc.getElementById('goods');
					var gr, td;

					if (!g) {
						window.location.href = a.href;
						return;
					}
					gr = document.createElement('tr');
					gr.className = 'goods';
					gr.appendChild(document.createElement('td'));
					td = document.createElement('td');
					td.colSpan = 6;
					g = document.importNode(g, true);
					g.removeAttribute('id');	/* one #goods a page */
					td.appendChild(g);
					gr.appendChild(td);
					tr.parentNode.insertBefore(gr, tr.nextSibling);
					a.setAttribute('aria-expanded', 'true');
				})
				.catch(function () { window.location.href = a.href; });
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		var form = document.getElementById('pick');

		searchAsYouType();
		if (form) {
			liveTotals(form);
			goodsInPlace(form);
		}
		/* for t/bench/browser-query.sh: the page is wired */
		if (window.performance && performance.mark)
			performance.mark('dz-query-wired');
	});
})();

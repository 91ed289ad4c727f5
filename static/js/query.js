/*
 * query.js: the little the 往来对账 page does with JavaScript on. Everything
 * works without it: the search box is a GET form and the tick boxes are
 * plain checkboxes. CSP-safe: no inline script, no eval, same origin only.
 *  - search as you type: fetch this same page for the typed text and swap
 *    in its customer list;
 *  - select all: the head checkbox ticks or clears every document.
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

	function selectAll() {
		var all = document.getElementById('check-all');
		var form = document.getElementById('pick');

		if (!all || !form)
			return;
		function boxes() {
			return form.querySelectorAll('input[type=checkbox][name=doc]');
		}
		function sync() {
			var b = boxes(), on = 0, i;

			for (i = 0; i < b.length; i++)
				if (b[i].checked)
					on++;
			all.checked = b.length > 0 && on === b.length;
			all.indeterminate = on > 0 && on < b.length;
		}
		all.hidden = false;
		all.addEventListener('change', function () {
			var b = boxes(), i;

			for (i = 0; i < b.length; i++)
				b[i].checked = all.checked;
			all.indeterminate = false;
		});
		form.addEventListener('change', function (ev) {
			if (ev.target !== all && ev.target.name === 'doc')
				sync();
		});
		sync();
	}

	document.addEventListener('DOMContentLoaded', function () {
		searchAsYouType();
		selectAll();
	});
})();

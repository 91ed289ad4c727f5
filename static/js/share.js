/* 分享: copy the link with one tap. Without JS the field is selectable. */
(function () {
	"use strict";
	document.addEventListener("click", function (ev) {
		var b = ev.target.closest ? ev.target.closest("[data-copy]") : null;
		if (!b) return;
		var f = document.getElementById(b.getAttribute("data-copy"));
		if (!f) return;
		f.select();
		var done = function () { b.textContent = "已复制"; };
		if (navigator.clipboard && navigator.clipboard.writeText)
			navigator.clipboard.writeText(f.value).then(done, function () {
				document.execCommand("copy"); done();
			});
		else { document.execCommand("copy"); done(); }
	});
})();

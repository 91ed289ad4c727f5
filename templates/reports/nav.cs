<nav class="subtabs">
  <a href="/reports"<?cs if:Page.Sub == "overview" ?> class="on"<?cs /if ?>><?cs var:Lang.reports.overview ?></a>
  <a href="/reports/customers"<?cs if:Page.Sub == "customers" ?> class="on"<?cs /if ?>><?cs var:Lang.reports.customers ?></a>
  <a href="/reports/habits"<?cs if:Page.Sub == "habits" ?> class="on"<?cs /if ?>><?cs var:Lang.reports.habits ?></a>
  <a href="/reports/aging"<?cs if:Page.Sub == "aging" ?> class="on"<?cs /if ?>><?cs var:Lang.reports.aging ?></a>
</nav>

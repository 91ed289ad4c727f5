<section class="report">
  <?cs include:"reports/nav.cs" ?>
  <h1><?cs var:Lang.reports.monthly ?>：<?cs var:Customer.Name ?> <span class="muted"><?cs var:Customer.Code ?></span></h1>
  <p class="actions">
    <a href="/reports/customer?customer=<?cs var:url_escape(Filter.customer) ?>&amp;year=<?cs var:Filter.prev ?>">« <?cs var:Lang.reports.prev_year ?></a>
    <strong><?cs var:Filter.year ?> <?cs var:Lang.reports.year ?></strong>
    <a href="/reports/customer?customer=<?cs var:url_escape(Filter.customer) ?>&amp;year=<?cs var:Filter.next ?>"><?cs var:Lang.reports.next_year ?> »</a>
    <a href="/reports/customers"><?cs var:Lang.reports.back_customers ?></a>
  </p>
  <p class="muted"><?cs var:Lang.reports.monthly_note ?></p>
  <p class="actions export noprint"><a class="button" id="xlsx" href="/reports/customer.xlsx?customer=<?cs var:url_escape(Filter.customer) ?>&amp;year=<?cs var:Filter.year ?>"><?cs var:Lang.reports.xlsx ?></a> <a class="button" id="pdf" href="/reports/customer.pdf?customer=<?cs var:url_escape(Filter.customer) ?>&amp;year=<?cs var:Filter.year ?>"><?cs var:Lang.reports.pdf ?></a></p>
  <div class="table-wrap">
  <table class="grid" id="monthly">
    <thead><tr><th><?cs var:Lang.reports.month ?></th><th class="num"><?cs var:Lang.reports.opening ?></th><th class="num"><?cs var:Lang.reports.sales ?></th><th class="num"><?cs var:Lang.reports.returns ?></th><th class="num"><?cs var:Lang.reports.receipts ?></th><th class="num"><?cs var:Lang.reports.other ?></th><th class="num"><?cs var:Lang.reports.period_closing ?></th><th class="num"><?cs var:Lang.reports.docs ?></th><th><?cs var:Lang.reports.statement ?></th></tr></thead>
    <tbody>
    <?cs each:m = Months ?>
    <tr data-month="<?cs var:m.Month ?>"><td><?cs var:m.Month ?></td>
      <td class="num money" data-k="opening"><?cs var:m.Opening ?></td><td class="num money" data-k="sales"><?cs var:m.Sales ?></td><td class="num money" data-k="returns"><?cs var:m.Returns ?></td><td class="num money" data-k="receipts"><?cs var:m.Receipts ?></td><td class="num money" data-k="other"><?cs var:m.Other ?></td>
      <td class="num money<?cs call:balance_neg(m.Closing) ?>" data-k="closing"><?cs var:m.Closing ?></td><td class="num" data-k="count"><?cs var:m.Count ?></td>
      <td><?cs if:m.StmtId ?><a href="/statements/<?cs var:m.StmtId ?>" data-k="stmt" data-id="<?cs var:m.StmtId ?>"><span class="tag st-<?cs var:m.StmtStatus ?>"><?cs var:m.StmtStatusName ?></span></a><?cs else ?><span class="muted" data-k="stmt"><?cs var:Lang.reports.no_statement ?></span><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
</section>

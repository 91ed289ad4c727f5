<?cs include:"reports/period.cs" ?><section class="report">
  <?cs include:"reports/nav.cs" ?>
  <h1><?cs var:Lang.reports.customers ?></h1>
  <?cs call:period_form("/reports/customers") ?>
  <?cs if:!Form.Err.to ?>
  <p class="muted"><?cs var:Lang.reports.customers_note ?><?cs if:Filter.all != 1 ?> <?cs var:Lang.reports.nonzero_customers ?><?cs /if ?></p>
  <?cs call:exports_period("/reports/customers") ?>
  <?cs if:Report.Shown == 0 ?><p class="notice"><?cs var:Lang.reports.customers_empty ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid" id="customers">
    <thead><tr><th><?cs var:Lang.reports.customer ?></th><th class="num"><?cs var:Lang.reports.opening ?></th><th class="num"><?cs var:Lang.reports.sales ?></th><th class="num"><?cs var:Lang.reports.returns ?></th><th class="num"><?cs var:Lang.reports.receipts ?></th><th class="num"><?cs var:Lang.reports.other ?></th><th class="num"><?cs var:Lang.reports.period_closing ?></th><th><?cs var:Lang.reports.statement ?></th></tr></thead>
    <tbody>
    <?cs each:c = Customers ?>
    <tr data-id="<?cs var:c.Id ?>"><td><a href="/reports/customer?customer=<?cs var:url_escape(c.Id) ?>&amp;year=<?cs var:Filter.year ?>"><?cs var:c.Name ?></a> <span class="muted"><?cs var:c.Code ?></span></td>
      <td class="num money" data-k="opening"><?cs var:c.Opening ?></td><td class="num money" data-k="sales"><?cs var:c.Sales ?></td><td class="num money" data-k="returns"><?cs var:c.Returns ?></td><td class="num money" data-k="receipts"><?cs var:c.Receipts ?></td><td class="num money" data-k="other"><?cs var:c.Other ?></td>
      <td class="num money<?cs call:balance_neg(c.Closing) ?>" data-k="closing"><?cs var:c.Closing ?></td>
      <td><?cs if:c.StmtId ?><a href="/statements/<?cs var:c.StmtId ?>" data-k="stmt"><span class="tag st-<?cs var:c.StmtStatus ?>"><?cs var:c.StmtStatusName ?></span></a><?cs else ?><span class="muted" data-k="stmt"><?cs var:Lang.reports.no_statement ?></span><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
    <tfoot><tr><th><?cs var:Lang.reports.all_customers ?>（<?cs var:Report.Customers ?>）</th><td class="num money" data-k="opening"><?cs var:Report.0.Opening ?></td><td class="num money" data-k="sales"><?cs var:Report.0.Sales ?></td><td class="num money" data-k="returns"><?cs var:Report.0.Returns ?></td><td class="num money" data-k="receipts"><?cs var:Report.0.Receipts ?></td><td class="num money" data-k="other"><?cs var:Report.0.Other ?></td><td class="num money" data-k="closing"><?cs var:Report.0.Closing ?></td><td></td></tr></tfoot>
  </table>
  </div>
  <?cs /if ?>
  <?cs /if ?>
</section>

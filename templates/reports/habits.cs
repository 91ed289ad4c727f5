<?cs include:"reports/period.cs" ?><section class="report">
  <?cs include:"reports/nav.cs" ?>
  <h1><?cs var:Lang.reports.habits ?></h1>
  <?cs call:period_form("/reports/habits") ?>
  <?cs if:!Form.Err.to ?>
  <p class="muted"><?cs var:Lang.reports.habits_note ?></p>
  <?cs call:exports_period("/reports/habits") ?>
  <?cs if:Report.Shown == 0 ?><p class="notice"><?cs var:Lang.reports.habits_empty ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid" id="habits">
    <thead><tr><th><?cs var:Lang.reports.customer ?></th><th class="num"><?cs var:Lang.reports.opening ?></th><th class="num"><?cs var:Lang.reports.sales ?></th><th class="num"><?cs var:Lang.reports.paid ?></th><th class="num"><?cs var:Lang.reports.days_to_pay ?></th><th class="num"><?cs var:Lang.reports.period_closing ?></th><th class="num"><?cs var:Lang.reports.dso ?></th><th class="num"><?cs var:Lang.reports.stmts ?></th><th class="num"><?cs var:Lang.reports.answered_rate ?></th><th class="num"><?cs var:Lang.reports.disputed_rate ?></th></tr></thead>
    <tbody>
    <?cs each:c = Customers ?>
    <tr data-id="<?cs var:c.Id ?>"><td><?cs var:c.Name ?> <span class="muted"><?cs var:c.Code ?></span></td>
      <td class="num money" data-k="opening"><?cs var:c.Opening ?></td><td class="num money" data-k="sales"><?cs var:c.Sales ?></td><td class="num money" data-k="paid"><?cs var:c.Paid ?></td>
      <td class="num" data-k="days"><?cs var:c.Days ?></td>
      <td class="num money<?cs call:balance_neg(c.Closing) ?>" data-k="closing"><?cs var:c.Closing ?></td>
      <td class="num" data-k="dso"><?cs var:c.Dso ?></td>
      <td class="num" data-k="made"><?cs var:c.Made ?></td><td class="num" data-k="answered"><?cs if:c.Answered ?><?cs var:c.Answered ?>%<?cs /if ?></td><td class="num" data-k="disputed"><?cs if:c.Disputed ?><?cs var:c.Disputed ?>%<?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs /if ?>
</section>

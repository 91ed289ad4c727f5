<section class="report">
  <?cs include:"reports/nav.cs" ?>
  <h1><?cs var:Lang.reports.habits ?></h1>
  <form method="get" action="/reports/habits" class="form filters">
    <div class="row">
      <label><?cs var:Lang.reports.from ?> <input type="date" name="from" value="<?cs var:Filter.from ?>"></label>
      <label><?cs var:Lang.reports.to ?> <input type="date" name="to" value="<?cs var:Filter.to ?>"></label>
      <label><input type="checkbox" name="all" value="1"<?cs if:Filter.all == 1 ?> checked<?cs /if ?>> <?cs var:Lang.reports.all_customers ?></label>
    </div>
    <?cs if:Form.Err.to ?><p class="field-error"><?cs var:Form.Err.to ?></p><?cs /if ?>
    <button type="submit"><?cs var:Lang.reports.show ?></button>
    <span class="presets">
      <?cs each:p = Preset ?><a href="/reports/habits?from=<?cs var:url_escape(p.from) ?>&amp;to=<?cs var:url_escape(p.to) ?>"><?cs if:name(p) == "month" ?><?cs var:Lang.reports.this_month ?><?cs elif:name(p) == "last" ?><?cs var:Lang.reports.last_month ?><?cs elif:name(p) == "quarter" ?><?cs var:Lang.reports.this_quarter ?><?cs else ?><?cs var:Lang.reports.this_year ?><?cs /if ?></a> <?cs /each ?>
    </span>
  </form>
  <?cs if:!Form.Err.to ?>
  <p class="muted"><?cs var:Lang.reports.habits_note ?></p>
  <p class="actions export noprint"><a class="button" id="xlsx" href="/reports/habits.xlsx?from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?><?cs if:Filter.all == 1 ?>&amp;all=1<?cs /if ?>"><?cs var:Lang.reports.xlsx ?></a></p>
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

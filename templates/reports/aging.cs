<section class="report">
  <?cs include:"reports/nav.cs" ?>
  <h1><?cs var:Lang.reports.aging ?></h1>
  <form method="get" action="/reports/aging" class="form filters">
    <div class="row">
      <label><?cs var:Lang.reports.asof ?> <input type="date" name="asof" value="<?cs var:Filter.asof ?>"></label>
      <label><?cs var:Lang.reports.buckets ?> <input type="text" name="buckets" maxlength="64" value="<?cs var:Filter.buckets ?>" placeholder="30,60,90,180" title="<?cs var:Lang.reports.buckets_hint ?>"></label>
      <label><?cs var:Lang.reports.sort ?> <select name="sort">
        <option value="code"<?cs if:Filter.sort == "code" ?> selected<?cs /if ?>><?cs var:Lang.reports.sort_code ?></option>
        <option value="total"<?cs if:Filter.sort == "total" ?> selected<?cs /if ?>><?cs var:Lang.reports.sort_total ?></option>
        <option value="oldest"<?cs if:Filter.sort == "oldest" ?> selected<?cs /if ?>><?cs var:Lang.reports.sort_oldest ?></option>
      </select></label>
      <label><input type="checkbox" name="all" value="1"<?cs if:Filter.all == 1 ?> checked<?cs /if ?>> <?cs var:Lang.reports.all_customers ?></label>
    </div>
    <?cs if:Form.Err.buckets ?><p class="field-error"><?cs var:Form.Err.buckets ?></p><?cs /if ?>
    <button type="submit"><?cs var:Lang.reports.show ?></button>
  </form>
  <?cs if:!Form.Err.buckets ?>
  <p class="muted"><?cs var:Lang.reports.aging_note ?></p>
  <p class="actions export noprint"><a class="button" id="xlsx" href="/reports/aging.xlsx?asof=<?cs var:url_escape(Filter.asof) ?>&amp;buckets=<?cs var:url_escape(Filter.buckets) ?>&amp;sort=<?cs var:url_escape(Filter.sort) ?><?cs if:Filter.all == 1 ?>&amp;all=1<?cs /if ?>"><?cs var:Lang.reports.xlsx ?></a> <a class="button" id="pdf" href="/reports/aging.pdf?asof=<?cs var:url_escape(Filter.asof) ?>&amp;buckets=<?cs var:url_escape(Filter.buckets) ?>&amp;sort=<?cs var:url_escape(Filter.sort) ?><?cs if:Filter.all == 1 ?>&amp;all=1<?cs /if ?>"><?cs var:Lang.reports.pdf ?></a></p>
  <?cs if:Report.Shown == 0 ?><p class="notice"><?cs var:Lang.reports.aging_empty ?></p><?cs else ?>
  <figure class="chart">
    <figcaption><?cs var:Lang.reports.chart_aging ?></figcaption>
    <svg viewBox="0 0 600 <?cs var:Chart.Height ?>" width="100%" role="img" aria-label="<?cs var:Lang.reports.chart_aging ?>">
    <?cs each:b = Buckets ?>
      <text x="0" y="<?cs var:#b.Y + 17 ?>" font-size="12"><?cs var:b.Name ?></text>
      <rect x="100" y="<?cs var:#b.Y + 4 ?>" height="18" width="<?cs var:b.Bar ?>" fill="#b5532f"></rect>
      <text x="<?cs var:#b.Bar + 106 ?>" y="<?cs var:#b.Y + 17 ?>" font-size="11">¥<?cs var:b.Total ?><?cs if:b.Share ?> (<?cs var:b.Share ?>%)<?cs /if ?></text>
    <?cs /each ?>
    </svg>
  </figure>
  <div class="table-wrap">
  <table class="grid" id="aging">
    <thead><tr><th><?cs var:Lang.reports.customer ?></th><th class="num"><?cs var:Lang.reports.total ?></th><?cs each:b = Buckets ?><th class="num"><?cs var:b.Name ?></th><?cs /each ?><th class="num"><?cs var:Lang.reports.oldest ?></th></tr></thead>
    <tbody>
    <?cs each:c = Customers ?>
    <tr data-id="<?cs var:c.Id ?>"><td><?cs var:c.Name ?> <span class="muted"><?cs var:c.Code ?></span></td>
      <td class="num money<?cs call:balance_neg(c.Total) ?>" data-k="total"><?cs var:c.Total ?></td>
      <?cs each:v = c.B ?><td class="num money" data-k="b"><?cs var:v.V ?></td><?cs /each ?>
      <td class="num"><?cs if:c.Uncovered == 1 ?>&gt; <?cs var:Filter.last ?><?cs else ?><?cs var:c.Oldest ?><?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
    <tfoot><tr><th><?cs var:Lang.reports.all_customers ?>（<?cs var:Report.Customers ?>）</th><td class="num money" data-k="sum"><?cs var:Report.Total ?></td><?cs each:b = Buckets ?><td class="num money"><?cs var:b.Total ?></td><?cs /each ?><td></td></tr></tfoot>
  </table>
  </div>
  <?cs /if ?>
  <?cs /if ?>
</section>

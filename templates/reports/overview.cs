<?cs include:"reports/period.cs" ?><section class="report">
  <?cs include:"reports/nav.cs" ?>
  <h1><?cs var:Lang.reports.overview ?></h1>
  <form method="get" action="/reports" class="form filters">
    <div class="row">
      <label><?cs var:Lang.reports.from ?> <input type="date" name="from" value="<?cs var:Filter.from ?>"></label>
      <label><?cs var:Lang.reports.to ?> <input type="date" name="to" value="<?cs var:Filter.to ?>"></label>
      <label><?cs var:Lang.reports.stale_days ?> <input type="number" name="days" min="1" max="3650" value="<?cs var:Filter.days ?>"></label>
    </div>
    <?cs if:Form.Err.to ?><p class="field-error"><?cs var:Form.Err.to ?></p><?cs /if ?>
    <button type="submit"><?cs var:Lang.reports.show ?></button>
    <?cs call:presets("/reports", "&days=" + Filter.days) ?>
  </form>
  <?cs if:!Form.Err.to ?>
  <?cs if:Report.Made == 0 ?><p class="notice"><?cs var:Lang.reports.empty ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid figures" id="overview">
    <tbody>
      <tr><th><?cs var:Lang.reports.made ?></th><td class="num" data-k="made"><?cs var:Report.Made ?></td></tr>
      <tr><th><?cs var:Lang.reports.shared ?></th><td class="num" data-k="shared"><?cs var:Report.Shared ?></td></tr>
      <tr><th><?cs var:Lang.reports.opened ?></th><td class="num" data-k="opened"><?cs var:Report.Opened ?></td></tr>
      <tr><th><?cs var:Lang.reports.answered ?></th><td class="num" data-k="answered"><?cs var:Report.Answered ?>（<?cs var:Lang.reports.agreed ?> <span data-k="agreed"><?cs var:Report.Agreed ?></span>，<?cs var:Lang.reports.disputed ?> <span data-k="disputed"><?cs var:Report.Disputed ?></span>）</td></tr>
      <tr><th><?cs var:Lang.reports.pending ?></th><td class="num" data-k="pending"><?cs var:Report.Pending ?></td></tr>
      <tr><th><?cs var:Lang.reports.rate ?> <span class="muted"><?cs var:Lang.reports.rate_note ?></span></th><td class="num" data-k="rate"><?cs var:Report.Rate ?>%</td></tr>
      <tr><th><?cs var:Lang.reports.median ?></th><td class="num" data-k="median"><?cs if:Report.MedianHours ?><?cs var:Report.MedianHours ?> <?cs var:Lang.reports.hours ?><?cs else ?><span class="muted"><?cs var:Lang.reports.median_none ?></span><?cs /if ?></td></tr>
      <tr><th><?cs var:Lang.reports.received ?></th><td class="num money" data-k="received">¥<?cs var:Report.Received ?></td></tr>
      <tr><th><?cs var:Lang.reports.closing ?></th><td class="num money" data-k="closing">¥<?cs var:Report.Closing ?></td></tr>
      <tr><th><?cs var:Lang.reports.exposure ?> <span class="muted"><?cs var:Report.ExposureNote ?></span></th><td class="num money" data-k="exposure"><span data-k="stale"><?cs var:Report.Stale ?></span> <?cs var:Lang.reports.count ?>，¥<?cs var:Report.StaleClosing ?></td></tr>
    </tbody>
  </table>
  </div>
  <figure class="chart">
    <figcaption><?cs var:Lang.reports.chart_money ?></figcaption>
    <svg viewBox="0 0 600 56" width="100%" role="img" aria-label="<?cs var:Lang.reports.chart_money ?>">
      <text x="0" y="16" font-size="13"><?cs var:Lang.reports.received ?></text>
      <rect x="80" y="4" height="16" width="<?cs var:Chart.Received ?>" fill="#2f7d4f"></rect>
      <text x="<?cs var:#Chart.Received + 86 ?>" y="16" font-size="12">¥<?cs var:Report.Received ?></text>
      <text x="0" y="44" font-size="13"><?cs var:Lang.reports.closing ?></text>
      <rect x="80" y="32" height="16" width="<?cs var:Chart.Closing ?>" fill="#b5532f"></rect>
      <text x="<?cs var:#Chart.Closing + 86 ?>" y="44" font-size="12">¥<?cs var:Report.Closing ?></text>
    </svg>
  </figure>

  <h2><?cs var:Lang.reports.trend ?></h2>
  <div class="side-by-side">
  <div class="table-wrap">
  <table class="grid" id="months">
    <thead><tr><th><?cs var:Lang.reports.month ?></th><th class="num"><?cs var:Lang.reports.made ?></th><th class="num"><?cs var:Lang.reports.answered ?></th><th class="num"><?cs var:Lang.reports.disputed ?></th><th class="num"><?cs var:Lang.reports.rate ?></th><th class="num"><?cs var:Lang.reports.received ?></th><th class="num"><?cs var:Lang.reports.closing ?></th></tr></thead>
    <tbody>
    <?cs each:m = Months ?>
    <tr><td><?cs var:m.Month ?></td><td class="num"><?cs var:m.Made ?></td><td class="num"><?cs var:m.Answered ?></td><td class="num"><?cs var:m.Disputed ?></td><td class="num"><?cs var:m.Rate ?>%</td><td class="num money">¥<?cs var:m.Received ?></td><td class="num money">¥<?cs var:m.Closing ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <figure class="chart">
    <figcaption><?cs var:Lang.reports.chart_trend ?></figcaption>
    <svg viewBox="0 0 600 <?cs var:Chart.Height ?>" width="100%" role="img" aria-label="<?cs var:Lang.reports.chart_trend ?>">
    <?cs each:m = Months ?>
      <text x="0" y="<?cs var:#m.Y + 15 ?>" font-size="12"><?cs var:m.Month ?></text>
      <rect x="80" y="<?cs var:#m.Y + 3 ?>" height="8" width="<?cs var:m.BarMade ?>" fill="#8aa4c8"><title><?cs var:Lang.reports.made ?> <?cs var:m.Made ?></title></rect>
      <rect x="80" y="<?cs var:#m.Y + 12 ?>" height="8" width="<?cs var:m.BarAnswered ?>" fill="#2f7d4f"><title><?cs var:Lang.reports.answered ?> <?cs var:m.Answered ?></title></rect>
      <text x="<?cs var:#m.BarMade + 86 ?>" y="<?cs var:#m.Y + 15 ?>" font-size="11"><?cs var:m.Answered ?>/<?cs var:m.Made ?></text>
    <?cs /each ?>
    </svg>
  </figure>
  </div>

  <h2><?cs var:Lang.reports.disputes ?></h2>
  <?cs if:subcount(Disputes) == 0 ?><p class="muted"><?cs var:Lang.reports.disputes_none ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid" id="disputes">
    <thead><tr><th><?cs var:Lang.reports.customer ?></th><th class="num"><?cs var:Lang.reports.disputed ?></th><th class="num"><?cs var:Lang.reports.made ?></th><th class="num"><?cs var:Lang.reports.closing ?></th></tr></thead>
    <tbody>
    <?cs each:d = Disputes ?>
    <tr><td><a href="/statements?customer=<?cs var:url_escape(d.Code) ?>&amp;status=disputed"><?cs var:d.Name ?></a> <span class="muted"><?cs var:d.Code ?></span></td><td class="num"><?cs var:d.Disputed ?></td><td class="num"><?cs var:d.Made ?></td><td class="num money">¥<?cs var:d.Closing ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs /if ?>
  <?cs /if ?>
</section>

<?cs # The reports' shared parts: the period presets (本月, 上月, 本季度, 本年)
  as links to action with extra after the dates, and the period form of
  对账报表 and 付款习惯 (from, to, 全部客户). ?><?cs
def:presets(action, extra) ?><span class="presets">
      <?cs each:p = Preset ?><a href="<?cs var:action ?>?from=<?cs var:url_escape(p.from) ?>&amp;to=<?cs var:url_escape(p.to) ?><?cs var:extra ?>"><?cs if:name(p) == "month" ?><?cs var:Lang.reports.this_month ?><?cs elif:name(p) == "last" ?><?cs var:Lang.reports.last_month ?><?cs elif:name(p) == "quarter" ?><?cs var:Lang.reports.this_quarter ?><?cs else ?><?cs var:Lang.reports.this_year ?><?cs /if ?></a> <?cs /each ?>
    </span><?cs
/def ?><?cs
def:period_form(action) ?><form method="get" action="<?cs var:action ?>" class="form filters">
    <div class="row">
      <label><?cs var:Lang.reports.from ?> <input type="date" name="from" value="<?cs var:Filter.from ?>"></label>
      <label><?cs var:Lang.reports.to ?> <input type="date" name="to" value="<?cs var:Filter.to ?>"></label>
      <label><input type="checkbox" name="all" value="1"<?cs if:Filter.all == 1 ?> checked<?cs /if ?>> <?cs var:Lang.reports.all_customers ?></label>
    </div>
    <?cs if:Form.Err.to ?><p class="field-error"><?cs var:Form.Err.to ?></p><?cs /if ?>
    <button type="submit"><?cs var:Lang.reports.show ?></button>
    <?cs call:presets(action, "") ?>
  </form><?cs
/def ?><?cs
def:exports_period(action) ?><p class="actions export noprint"><a class="button" id="xlsx" href="<?cs var:action ?>.xlsx?from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?><?cs if:Filter.all == 1 ?>&amp;all=1<?cs /if ?>"><?cs var:Lang.reports.xlsx ?></a> <a class="button" id="pdf" href="<?cs var:action ?>.pdf?from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?><?cs if:Filter.all == 1 ?>&amp;all=1<?cs /if ?>"><?cs var:Lang.reports.pdf ?></a></p><?cs
/def ?>

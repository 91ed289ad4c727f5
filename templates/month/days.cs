<?cs def:day_options(sel) ?><option value="0"<?cs if:sel == 0 ?> selected<?cs /if ?>><?cs var:Lang.month.day_end ?></option><?cs
  loop:d = 1, 28, 1 ?><option value="<?cs var:d ?>"<?cs if:sel == d ?> selected<?cs /if ?>><?cs var:d ?></option><?cs /loop ?><?cs
/def ?><?cs def:months_options(sel) ?><?cs
  each:m = Vocab.months ?><option value="<?cs var:m ?>"<?cs if:sel == m ?> selected<?cs /if ?>><?cs var:m ?></option><?cs /each ?><?cs
/def ?><section class="month days">
  <div class="actions spread">
    <h1><?cs var:Lang.month.days ?></h1>
    <a href="/month"><?cs var:Lang.month.title ?></a>
  </div>
  <p class="muted"><?cs var:Lang.month.days_intro ?></p>
  <?cs if:Days.Saved ?><p class="ok" role="status"><?cs var:Lang.month.saved ?></p><?cs /if ?>
  <?cs if:Form.Err.days ?><p class="field-error" role="alert"><?cs var:Form.Err.days ?></p><?cs /if ?>
  <form method="post" action="/month/days" class="form" id="default">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <h2><?cs var:Lang.month.default ?></h2>
    <div class="row">
      <label><?cs var:Lang.month.day ?> <select name="day"><?cs call:day_options(Days.Day) ?></select></label>
      <label><?cs var:Lang.month.months ?> <select name="months"><?cs call:months_options(Days.Months) ?></select></label>
      <label><input type="checkbox" name="scheduled" value="1"<?cs if:Days.Scheduled ?> checked<?cs /if ?>> <?cs var:Lang.month.scheduled ?></label>
    </div>
    <?cs if:Nav.Query ?><button type="submit"><?cs var:Lang.month.save ?></button><?cs /if ?>
  </form>
  <h2><?cs var:Lang.month.own ?></h2>
  <?cs if:subcount(Own) == 0 ?><p class="notice"><?cs var:Lang.month.own_none ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid" id="own">
    <thead><tr><th><?cs var:Lang.month.col_code ?></th><th><?cs var:Lang.month.col_name ?></th><th><?cs var:Lang.month.day ?></th><th><?cs var:Lang.month.months ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:o = Own ?><tr>
      <td><?cs var:o.Code ?></td><td><?cs var:o.Name ?></td>
      <td><?cs if:o.Day == 0 ?><?cs var:Lang.month.day_end ?><?cs else ?><?cs var:o.Day ?><?cs /if ?></td>
      <td><?cs var:o.Months ?></td>
      <td><?cs if:Nav.Query ?><form method="post" action="/month/days/remove" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <input type="hidden" name="customer" value="<?cs var:o.Id ?>">
        <button type="submit" class="secondary"><?cs var:Lang.month.remove ?></button></form><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:Nav.Query ?>
  <form method="post" action="/month/days/customer" class="form" id="own-form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="row">
      <label><?cs var:Lang.month.customer_code ?> <input name="code" required maxlength="63"></label>
      <label><?cs var:Lang.month.day ?> <select name="day"><?cs call:day_options(Days.Day) ?></select></label>
      <label><?cs var:Lang.month.months ?> <select name="months"><?cs call:months_options(Days.Months) ?></select></label>
    </div>
    <button type="submit"><?cs var:Lang.month.add ?></button>
  </form>
  <?cs /if ?>
</section>

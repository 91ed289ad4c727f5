<section class="month">
  <div class="actions spread">
    <h1><?cs var:Lang.month.title ?></h1>
    <span><a href="/month/followup"><?cs var:Lang.month.followup ?></a> · <a href="/month/days"><?cs var:Lang.month.days ?></a></span>
  </div>
  <p class="muted"><?cs var:Lang.month.intro ?></p>
  <?cs if:Nav.Query ?>
  <form method="post" action="/month/new" class="form" id="new-run">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <h2><?cs var:Lang.month.new ?></h2>
    <div class="row">
      <label><?cs var:Lang.month.from ?> <input type="date" name="from" required value="<?cs var:New.from ?>"></label>
      <label><?cs var:Lang.month.to ?> <input type="date" name="to" required value="<?cs var:New.to ?>"></label>
      <label><?cs var:Lang.month.filter ?> <input name="filter" maxlength="63" value="<?cs var:New.filter ?>" placeholder="<?cs var:Lang.month.filter_hint ?>"></label>
    </div>
    <?cs if:Form.Err.to ?><p class="field-error" role="alert"><?cs var:Form.Err.to ?></p><?cs /if ?>
    <button type="submit"><?cs var:Lang.month.start ?></button>
  </form>
  <?cs /if ?>
  <h2><?cs var:Lang.month.runs ?></h2>
  <?cs if:subcount(Runs) == 0 ?><p class="notice"><?cs var:Lang.month.none ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid" id="runs">
    <thead><tr><th><?cs var:Lang.month.run ?></th><th><?cs var:Lang.month.period ?></th><th><?cs var:Lang.month.status ?></th><th class="num"><?cs var:Lang.month.total ?></th><th class="num"><?cs var:Lang.month.n_made ?></th><th class="num"><?cs var:Lang.month.n_kept ?></th><th class="num"><?cs var:Lang.month.n_failed ?></th><th><?cs var:Lang.month.by ?></th><th><?cs var:Lang.month.started ?></th></tr></thead>
    <tbody>
    <?cs each:u = Runs ?><tr id="run-<?cs var:u.Id ?>" data-state="<?cs var:u.State ?>">
      <td><a href="/month/<?cs var:u.Id ?>">#<?cs var:u.Id ?></a><?cs if:u.Origin == "schedule" ?> <span class="tag"><?cs var:Lang.month.origin_schedule ?></span><?cs /if ?></td>
      <td><?cs var:u.From ?> – <?cs var:u.To ?><?cs if:u.Filter ?> <span class="muted">（<?cs var:u.Filter ?>）</span><?cs /if ?></td>
      <td><span class="tag run-<?cs var:u.State ?>"><?cs var:Lang.month.state[u.State] ?></span></td>
      <td class="num"><?cs var:u.Total ?></td><td class="num"><?cs var:u.Made ?></td><td class="num"><?cs var:u.Kept ?></td><td class="num"><?cs var:u.Failed ?></td>
      <td><?cs var:u.By ?></td><td><?cs var:u.CreatedAt ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>

<section class="month run" id="run" data-state="<?cs var:Run.State ?>">
  <div class="actions spread">
    <h1><?cs var:Lang.month.run ?> #<?cs var:Run.Id ?></h1>
    <a href="/month"><?cs var:Lang.month.runs ?></a>
  </div>
  <?cs if:Run.WasActive ?><p class="notice" role="status"><?cs var:Lang.month.active ?></p><?cs /if ?>
  <div class="table-wrap">
  <table class="grid figures">
    <tbody>
      <tr><th><?cs var:Lang.month.period ?></th><td><?cs var:Run.From ?> – <?cs var:Run.To ?><?cs if:Run.Filter ?> <span class="muted">（<?cs var:Lang.month.filter ?> <?cs var:Run.Filter ?>）</span><?cs /if ?><?cs if:Run.Origin == "schedule" ?> <span class="tag"><?cs var:Lang.month.origin_schedule ?></span><?cs /if ?></td></tr>
      <tr><th><?cs var:Lang.month.status ?></th><td><span class="tag run-<?cs var:Run.State ?>" id="state"><?cs var:Lang.month.state[Run.State] ?></span>
        <?cs if:Run.Error ?><span class="alert" id="error"><?cs var:Lang.month.stopped ?><?cs var:Run.Error ?></span><?cs /if ?></td></tr>
      <tr><th><?cs var:Lang.month.progress ?></th><td><?cs if:Run.Listed ?><progress max="<?cs var:Run.Total ?>" value="<?cs var:Run.Done ?>"><?cs var:Run.Percent ?>%</progress>
        <span id="done"><?cs var:Run.Done ?></span> / <span id="total"><?cs var:Run.Total ?></span>
        （<?cs var:Lang.month.n_made ?> <span id="made"><?cs var:Run.Made ?></span>，<?cs var:Lang.month.n_kept ?> <span id="kept"><?cs var:Run.Kept ?></span>，<?cs var:Lang.month.n_failed ?> <span id="failed"><?cs var:Run.Failed ?></span>）<?cs
        elif:Run.Active ?><?cs var:Lang.month.listing ?><?cs else ?>–<?cs /if ?></td></tr>
      <tr><th><?cs var:Lang.month.by ?></th><td><?cs var:Run.By ?> <?cs var:Run.CreatedAt ?></td></tr>
      <?cs if:Run.StartedAt ?><tr><th><?cs var:Lang.month.started ?></th><td><?cs var:Run.StartedAt ?></td></tr><?cs /if ?>
      <?cs if:Run.FinishedAt ?><tr><th><?cs var:Lang.month.finished ?></th><td><?cs var:Run.FinishedAt ?></td></tr><?cs /if ?>
    </tbody>
  </table>
  </div>
  <?cs if:Run.Active ?><p class="muted"><?cs var:Lang.month.refresh ?></p>
  <?cs if:Nav.Query ?><form method="post" action="/month/<?cs var:Run.Id ?>/cancel" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <button type="submit" class="secondary" id="cancel"><?cs var:Lang.month.cancel ?></button>
    <span class="muted"><?cs var:Lang.month.cancel_hint ?></span>
  </form><?cs /if ?><?cs /if ?>
  <?cs if:Nav.Query && Run.Made + Run.Kept > 0 ?><p class="actions export noprint">
    <a class="button download" href="/month/<?cs var:Run.Id ?>/qr.pdf" id="qr-pdf"><?cs var:Lang.month.qr_pdf ?></a>
    <a class="button" href="/month/<?cs var:Run.Id ?>/links.xlsx" id="links-xlsx"><?cs var:Lang.month.links_xlsx ?></a>
    <span class="muted"><?cs var:Lang.month.links_warn ?></span></p><?cs /if ?>
  <?cs if:subcount(Failures) > 0 ?>
  <h2><?cs var:Lang.month.failures ?></h2>
  <ul class="failures" id="failures">
  <?cs each:f = Failures ?><li><?cs var:f.Code ?> <?cs var:f.Name ?>：<?cs var:f.Error ?></li><?cs /each ?>
  </ul>
  <?cs /if ?>
  <?cs if:subcount(Items) > 0 ?>
  <h2><?cs var:Lang.month.customers ?></h2>
  <?cs if:Run.ShownFirst ?><p class="muted"><?cs var:Run.ShownFirst ?></p><?cs /if ?>
  <div class="table-wrap">
  <table class="grid" id="items">
    <thead><tr><th><?cs var:Lang.month.col_code ?></th><th><?cs var:Lang.month.col_name ?></th><th><?cs var:Lang.month.col_state ?></th><th><?cs var:Lang.month.statement ?></th><th class="num"><?cs var:Lang.month.closing ?></th></tr></thead>
    <tbody>
    <?cs each:i = Items ?><tr data-state="<?cs var:i.State ?>">
      <td><?cs var:i.Code ?></td><td><?cs var:i.Name ?></td>
      <td><span class="tag item-<?cs var:i.State ?>"><?cs var:Lang.month.item[i.State] ?></span></td>
      <td><?cs if:i.Stmt > 0 ?><a href="/statements/<?cs var:i.Stmt ?>">#<?cs var:i.Stmt ?></a><?cs if:i.Deleted ?> <span class="muted"><?cs var:Lang.month.deleted ?></span><?cs elif:i.Status ?> <span class="tag st-<?cs var:i.Status ?>"><?cs var:Lang.stmt.status[i.Status] ?></span><?cs /if ?><?cs /if ?></td>
      <td class="num money"><?cs if:i.Stmt > 0 ?>¥<?cs var:i.Closing ?><?cs /if ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:!Run.Active && Nav.Query ?>
  <form method="post" action="/month/new" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="from" value="<?cs var:New.from ?>">
    <input type="hidden" name="to" value="<?cs var:New.to ?>">
    <input type="hidden" name="filter" value="<?cs var:New.filter ?>">
    <button type="submit" class="secondary" id="again"><?cs var:Lang.month.again ?></button>
    <span class="muted"><?cs var:Lang.month.again_hint ?></span>
  </form>
  <?cs /if ?>
</section>

<?cs # ERP drift (issue 15): the statement's last check against the ERP
  (Drift.*, lib/store_drift) and, for a clerk, the button that checks again. ?>
<section class="drift noprint" id="drift">
  <h2><?cs var:Lang.drift.title ?></h2>
  <?cs if:Drift.Id ?>
  <p class="drift-<?cs var:Drift.Result ?>"><span class="tag drift-<?cs var:Drift.Result ?>"><?cs
    if:Drift.Result == "drift" ?><?cs var:Lang.drift.drift ?><?cs else ?><?cs var:Lang.drift.ok ?><?cs /if ?></span>
    <span class="muted"><?cs var:Lang.drift.last ?>: <?cs var:Drift.At ?> ·
    <?cs var:Lang.drift.by ?> <?cs if:Drift.Source == "scheduled" ?><?cs var:Lang.drift.scheduled ?><?cs else ?><?cs var:Drift.User ?><?cs /if ?></span></p>
  <?cs if:subcount(Drift.Changes) > 0 ?>
  <div class="table-wrap">
  <table class="grid drift-changes">
    <thead><tr><th><?cs var:Lang.drift.kind_h ?></th><th><?cs var:Lang.drift.number ?></th><th><?cs var:Lang.drift.date ?></th><th><?cs var:Lang.drift.before ?></th><th><?cs var:Lang.drift.after ?></th></tr></thead>
    <tbody>
    <?cs each:c = Drift.Changes ?><tr class="dk-<?cs var:c.Kind ?>"><td><span class="tag dk-<?cs var:c.Kind ?>"><?cs var:c.KindName ?></span></td><td><?cs var:c.Number ?></td><td><?cs var:c.Date ?></td><td><?cs var:c.Before ?></td><td><?cs var:c.After ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:Drift.More ?><p class="muted"><?cs var:Drift.More ?> <?cs var:Lang.drift.more ?></p><?cs /if ?>
  <p><?cs var:Lang.drift.closing_now ?> <span class="money">¥<?cs var:Drift.ErpClosing ?></span></p>
  <?cs /if ?>
  <p class="muted"><?cs var:Lang.drift.fp_stmt ?> <code class="fp-stmt"><?cs var:Drift.StmtFp ?></code><br>
    <?cs var:Lang.drift.fp_erp ?> <code class="fp-erp"><?cs var:Drift.ErpFp ?></code><br>
    <?cs if:Drift.SameFp ?><?cs var:Lang.drift.fp_same ?><?cs else ?><?cs var:Lang.drift.fp_diff ?><?cs /if ?></p>
  <?cs else ?>
  <p class="muted"><?cs var:Lang.drift.none ?></p>
  <?cs /if ?>
  <?cs if:Drift.CheckAction ?><form method="post" action="<?cs var:Drift.CheckAction ?>" class="drift-check">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <button type="submit"><?cs var:Lang.drift.check ?></button>
    <span class="muted"><?cs var:Lang.drift.check_hint ?></span>
  </form><?cs /if ?>
</section>

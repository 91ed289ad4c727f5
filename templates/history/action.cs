<section class="card medium">
  <?cs include:"history/stmt_head.cs" ?>
  <h2><?cs var:Action.Label ?></h2>
  <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
  <form method="post" action="/statements/<?cs var:Stmt.Id ?>/<?cs var:Action.Code ?>" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="version" value="<?cs var:Stmt.Version ?>">
    <?cs if:Action.Amount ?>
      <?cs if:Action.NothingOwed ?><p class="notice"><?cs var:Lang.history.owed_nothing ?><?cs
        call:balance_label(Stmt.Closing, "staff") ?> <span class="money<?cs call:balance_neg(Stmt.Closing) ?>">¥<?cs call:balance_amount(Stmt.Closing) ?></span><?cs
        var:Lang.history.owed_nothing_b ?></p><?cs /if ?>
      <label><?cs var:Lang.history.amount ?>
        <input name="amount" inputmode="decimal" required placeholder="1,234.50" value="<?cs var:Form.amount ?>"></label>
      <label><?cs var:Lang.history.date ?>
        <input type="date" name="date" value="<?cs var:Form.date ?>"></label>
      <label><?cs var:Lang.history.note ?>
        <input name="note" maxlength="200" value="<?cs var:Form.note ?>"></label>
      <?cs if:Action.NothingOwed ?><label class="check"><input type="checkbox" name="anyway" value="1"> <?cs var:Lang.history.anyway ?></label><?cs /if ?>
    <?cs elif:Action.Desc == 2 ?>
      <label><?cs var:Lang.history.why_dispute ?>
        <textarea name="description" rows="4" maxlength="500" required><?cs var:Form.description ?></textarea></label>
    <?cs elif:Action.Desc ?>
      <label><?cs var:Lang.history.why_agree ?>
        <textarea name="description" rows="3" maxlength="500"><?cs var:Form.description ?></textarea></label>
    <?cs elif:Action.Sure ?>
      <p class="notice"><?cs var:Lang.history.sure[Action.Code] ?></p>
    <?cs /if ?>
    <div class="actions">
      <button type="submit" class="<?cs if:Action.Danger ?>danger<?cs else ?>primary<?cs /if ?>"><?cs var:Lang.history.confirm ?><?cs var:Action.Label ?></button>
      <a class="button" href="/statements/<?cs var:Stmt.Id ?>"><?cs var:Lang.history.cancel ?></a>
    </div>
  </form>
</section>

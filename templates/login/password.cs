<section class="card narrow">
  <h1><?cs var:Lang.password.title ?></h1>
  <?cs if:User.MustChange == 1 ?><p class="notice"><?cs var:Lang.password.forced ?></p><?cs /if ?>
  <?cs if:Form.Done ?><p class="ok" role="status"><?cs var:Lang.password.done ?></p><?cs /if ?>
  <form method="post" action="/password" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <label><?cs var:Lang.password.old ?>
      <input name="old" type="password" autocomplete="current-password" maxlength="256" required></label>
    <?cs if:Form.Err.old ?><p class="field-error"><?cs var:Form.Err.old ?></p><?cs /if ?>
    <label><?cs var:Lang.password.new ?>
      <input name="new" type="password" autocomplete="new-password" minlength="8" maxlength="256" required></label>
    <?cs if:Form.Err.new ?><p class="field-error"><?cs var:Form.Err.new ?></p><?cs /if ?>
    <label><?cs var:Lang.password.new2 ?>
      <input name="new2" type="password" autocomplete="new-password" minlength="8" maxlength="256" required></label>
    <?cs if:Form.Err.new2 ?><p class="field-error"><?cs var:Form.Err.new2 ?></p><?cs /if ?>
    <p class="muted"><?cs var:Lang.password.rule ?></p>
    <button type="submit" class="primary"><?cs var:Lang.password.submit ?></button>
  </form>
</section>

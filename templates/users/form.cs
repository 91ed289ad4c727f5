<section class="card medium">
  <h1><?cs if:Form.Id ?><?cs var:Lang.users.edit ?><?cs else ?><?cs var:Lang.users.add ?><?cs /if ?></h1>
  <form method="post" action="/admin/users/<?cs if:Form.Id ?><?cs var:Form.Id ?><?cs else ?>new<?cs /if ?>" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <?cs if:Form.Id ?><input type="hidden" name="version" value="<?cs var:Form.version ?>"><?cs /if ?>
    <?cs if:Form.Error ?><p class="alert" role="alert" id="form-error"><?cs var:Form.Error ?></p><?cs /if ?>
    <label><?cs var:Lang.users.username ?>
      <input name="username" value="<?cs var:Form.username ?>" maxlength="32" required></label>
    <?cs if:Form.Err.username ?><p class="field-error"><?cs var:Form.Err.username ?></p><?cs /if ?>
    <label><?cs var:Lang.users.erp_kind ?>
      <select name="erp_kind" required>
      <?cs each:k = ErpKinds ?><option value="<?cs var:k.Kind ?>"<?cs if:k.Kind == Form.erp_kind ?> selected<?cs /if ?>><?cs var:k.Name ?></option><?cs /each ?>
      </select></label>
    <?cs if:Form.Err.erp_kind ?><p class="field-error"><?cs var:Form.Err.erp_kind ?></p><?cs /if ?>
    <label><?cs var:Lang.users.role ?>
      <select name="role">
        <option value="admin"<?cs if:Form.role == "admin" ?> selected<?cs /if ?>><?cs var:Lang.role.admin ?></option>
        <option value="clerk"<?cs if:Form.role == "clerk" ?> selected<?cs /if ?>><?cs var:Lang.role.clerk ?></option>
        <option value="viewer"<?cs if:Form.role == "viewer" ?> selected<?cs /if ?>><?cs var:Lang.role.viewer ?></option>
      </select></label>
    <?cs if:Form.Err.role ?><p class="field-error"><?cs var:Form.Err.role ?></p><?cs /if ?>
    <label><?cs var:Lang.users.dsn ?>
      <input name="dsn" value="<?cs var:Form.dsn ?>" maxlength="1024" autocomplete="off" spellcheck="false">
      <span class="hint"><?cs var:Lang.users.dsn_hint ?><?cs if:Form.HasDsn ?><br><?cs var:Lang.users.dsn_keep ?><?cs /if ?></span></label>
    <?cs if:Form.Err.dsn ?><p class="field-error"><?cs var:Form.Err.dsn ?></p><?cs /if ?>
    <?cs if:Form.PwdDropped ?><p class="muted" id="pwd-dropped"><?cs var:Lang.users.pwd_dropped ?></p><?cs /if ?>
    <?cs if:Form.Test.Ok || Form.Test.Err ?><div class="erp-test" id="erp-test">
      <?cs if:Form.Test.Ok ?><p class="ok" role="status"><?cs var:Form.Test.Ok ?></p><?cs /if ?>
      <?cs if:Form.Test.Err ?><p class="alert" role="alert"><?cs var:Form.Test.Err ?></p><?cs /if ?>
    </div><?cs /if ?>
    <label><?cs var:Lang.users.password ?>
      <input name="password" type="password" autocomplete="new-password" maxlength="256" value="<?cs var:Form.password ?>">
      <span class="hint"><?cs if:Form.Id ?><?cs var:Lang.users.password_hint_edit ?><?cs else ?><?cs var:Lang.users.password_hint_new ?><?cs /if ?></span></label>
    <?cs if:Form.Err.password ?><p class="field-error"><?cs var:Form.Err.password ?></p><?cs /if ?>
    <label><?cs var:Lang.users.status ?>
      <select name="status">
        <option value="active"<?cs if:Form.status == "active" ?> selected<?cs /if ?>><?cs var:Lang.status.active ?></option>
        <option value="disabled"<?cs if:Form.status == "disabled" ?> selected<?cs /if ?>><?cs var:Lang.status.disabled ?></option>
      </select></label>
    <?cs if:Form.Err.status ?><p class="field-error"><?cs var:Form.Err.status ?></p><?cs /if ?>
    <div class="actions">
      <button type="submit" class="primary"><?cs var:Lang.users.save ?></button>
      <button type="submit" formaction="/admin/users/<?cs if:Form.Id ?><?cs var:Form.Id ?><?cs else ?>new<?cs /if ?>/test" formnovalidate title="<?cs var:Lang.users.test_hint ?>"><?cs var:Lang.users.test ?></button>
      <a class="button" href="/admin/users"><?cs var:Lang.users.cancel ?></a>
    </div>
  </form>
</section>

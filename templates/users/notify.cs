<section class="card medium">
  <h1><?cs var:Lang.notify.settings ?></h1>
  <p class="muted"><?cs var:Lang.notify.settings_hint ?></p>
  <?cs if:Form.Saved ?><p class="ok" role="status" id="saved"><?cs var:Form.Saved ?></p><?cs /if ?>
  <?cs if:Form.Error ?><p class="alert" role="alert" id="form-error"><?cs var:Form.Error ?></p><?cs else ?>
  <?cs if:Form.Test.Ok ?><p class="ok" role="status" id="notify-test"><?cs var:Form.Test.Ok ?></p><?cs /if ?>
  <?cs if:Form.Test.Err ?><p class="alert" role="alert" id="notify-test"><?cs var:Form.Test.Err ?></p><?cs /if ?>
  <form method="post" action="/admin/notify" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <h2><?cs var:Lang.notify.wecom_title ?></h2>
    <label class="check"><input type="checkbox" name="wecom_enabled" value="1"<?cs if:Form.wecom_enabled == "1" ?> checked<?cs /if ?>> <?cs var:Lang.notify.enabled ?></label>
    <label><?cs var:Lang.notify.wecom_url ?>
      <input name="wecom_url" value="" maxlength="512" autocomplete="off" spellcheck="false">
      <span class="hint"><?cs var:Lang.notify.wecom_url_hint ?><?cs if:Form.WebhookSaved ?><br><?cs var:Form.WebhookSaved ?><?cs /if ?></span></label>
    <?cs if:Form.Err.wecom_url ?><p class="field-error"><?cs var:Form.Err.wecom_url ?></p><?cs /if ?>
    <label><?cs var:Lang.notify.format ?>
      <select name="format">
        <option value="text"<?cs if:Form.format == "text" ?> selected<?cs /if ?>><?cs var:Lang.notify.format_text ?></option>
        <option value="markdown"<?cs if:Form.format == "markdown" ?> selected<?cs /if ?>><?cs var:Lang.notify.format_markdown ?></option>
      </select></label>
    <button type="submit" name="test" value="wecom" formaction="/admin/notify/test"><?cs var:Lang.notify.test ?></button>
    <h2><?cs var:Lang.notify.mail_title ?></h2>
    <label class="check"><input type="checkbox" name="mail_enabled" value="1"<?cs if:Form.mail_enabled == "1" ?> checked<?cs /if ?>> <?cs var:Lang.notify.enabled ?></label>
    <label><?cs var:Lang.notify.smtp_url ?>
      <input name="smtp_url" value="<?cs var:Form.smtp_url ?>" maxlength="255" autocomplete="off" spellcheck="false">
      <span class="hint"><?cs var:Lang.notify.smtp_url_hint ?></span></label>
    <?cs if:Form.Err.smtp_url ?><p class="field-error"><?cs var:Form.Err.smtp_url ?></p><?cs /if ?>
    <label><?cs var:Lang.notify.mail_from ?>
      <input name="mail_from" type="email" value="<?cs var:Form.mail_from ?>" maxlength="254"></label>
    <?cs if:Form.Err.mail_from ?><p class="field-error"><?cs var:Form.Err.mail_from ?></p><?cs /if ?>
    <label><?cs var:Lang.notify.mail_to ?>
      <input name="mail_to" value="<?cs var:Form.mail_to ?>" maxlength="1000">
      <span class="hint"><?cs var:Lang.notify.mail_to_hint ?></span></label>
    <?cs if:Form.Err.mail_to ?><p class="field-error"><?cs var:Form.Err.mail_to ?></p><?cs /if ?>
    <label><?cs var:Lang.notify.smtp_user ?>
      <input name="smtp_user" value="<?cs var:Form.smtp_user ?>" maxlength="254" autocomplete="off"></label>
    <label><?cs var:Lang.notify.smtp_password ?>
      <input name="smtp_password" type="password" value="" maxlength="255" autocomplete="new-password">
      <span class="hint"><?cs var:Lang.notify.smtp_password_hint ?></span></label>
    <button type="submit" name="test" value="mail" formaction="/admin/notify/test"><?cs var:Lang.notify.test ?></button>
    <div class="actions">
      <button type="submit" class="primary"><?cs var:Lang.notify.save ?></button>
      <a href="/admin/users"><?cs var:Lang.nav.users ?></a>
    </div>
  </form>
  <?cs /if ?>
</section>

<section class="card narrow">
  <h1 class="product"><?cs var:Lang.product ?></h1>
  <form method="post" action="/login" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <?cs if:Form.Error ?><p class="alert" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
    <label><?cs var:Lang.login.username ?>
      <input name="username" value="<?cs var:Form.username ?>" autocomplete="username" maxlength="32" required autofocus></label>
    <label><?cs var:Lang.login.password ?>
      <input name="password" type="password" autocomplete="current-password" maxlength="256" required></label>
    <button type="submit" class="primary"><?cs var:Lang.login.submit ?></button>
    <p class="muted"><?cs var:Lang.login.hint ?></p>
  </form>
</section>

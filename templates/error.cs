<section class="card error">
  <h1><?cs if:Error.Status == 400 ?><?cs var:Lang.error.s400 ?><?cs
  elif:Error.Status == 403 ?><?cs var:Lang.error.s403 ?><?cs
  elif:Error.Status == 404 ?><?cs var:Lang.error.s404 ?><?cs
  elif:Error.Status == 405 ?><?cs var:Lang.error.s405 ?><?cs
  elif:Error.Status == 409 ?><?cs var:Lang.error.s409 ?><?cs
  elif:Error.Status == 410 ?><?cs var:Lang.error.s410 ?><?cs
  elif:Error.Status == 413 ?><?cs var:Lang.error.s413 ?><?cs
  elif:Error.Status == 429 ?><?cs var:Lang.error.s429 ?><?cs
  elif:Error.Status == 503 ?><?cs var:Lang.error.s503 ?><?cs
  else ?><?cs var:Lang.error.s500 ?><?cs /if ?></h1>
  <p class="lead"><?cs var:Error.Text ?></p>
  <?cs if:Error.Field ?><p><?cs var:Lang.error.field ?> <?cs if:Lang.form.field[Error.Field] ?><strong><?cs var:Lang.form.field[Error.Field] ?></strong>（<code><?cs var:Error.Field ?></code>）<?cs else ?><code><?cs var:Error.Field ?></code><?cs /if ?>：<?cs var:Error.Detail ?></p><?cs
  elif:Error.Detail ?><p><?cs var:Error.Detail ?></p><?cs /if ?>
  <?cs if:Error.Status >= 500 ?><p class="muted"><?cs var:Lang.error.retry ?></p><?cs /if ?>
  <?cs if:Req.Support ?><p class="muted support"><?cs var:Lang.error.support ?><code><?cs var:Req.Support ?></code></p><?cs /if ?>
  <?cs if:!Page.Customer ?><p><a class="button" href="/"><?cs var:Lang.error.back ?></a></p><?cs /if ?>
</section>

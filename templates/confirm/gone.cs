<section class="card cust gone">
  <h1><?cs var:Lang.confirm.gone_title ?></h1>
  <p><?cs var:Lang.confirm.gone_text ?></p>
  <p class="muted"><?cs var:Lang.confirm.gone_next ?></p>
</section>

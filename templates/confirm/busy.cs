<section class="card cust gone busy">
  <h1><?cs var:Lang.confirm.busy_head ?></h1>
  <p><?cs var:Lang.confirm.busy_text ?></p>
  <p class="muted"><?cs var:Lang.confirm.busy_next ?></p>
</section>

<?cs # nginx's own 413 (a body above its client_max_body_size), drawn at
  build time into static/toobig.html by tools/dz-page; no program is
  asked. ?><section class="card error toobig">
  <h1><?cs var:Lang.toobig.head ?></h1>
  <p class="lead"><?cs var:Lang.toobig.text ?></p>
  <p class="muted"><?cs var:Lang.toobig.next ?></p>
</section>

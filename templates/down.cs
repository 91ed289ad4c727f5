<?cs # nginx's own 502 and 504 (a program not there, or not answering in
  time), drawn at build time into static/down.html by tools/dz-page; no
  program is asked. ?><section class="card error down">
  <h1><?cs var:Lang.down.head ?></h1>
  <p class="lead"><?cs var:Lang.down.text ?></p>
  <p class="muted"><?cs var:Lang.down.next ?></p>
</section>

<section class="card">
  <?cs include:"history/stmt_head.cs" ?>
  <h2><?cs var:Lang.history.answers ?></h2>
  <?cs include:"history/answers.cs" ?>
  <?cs if:Recon.Id ?><?cs include:"recon/result.cs" ?><?cs /if ?>
  <p><a href="/statements/<?cs var:Stmt.Id ?>"><?cs var:Lang.history.view_stmt ?></a> · <a href="/statements"><?cs var:Lang.history.back ?></a></p>
</section>

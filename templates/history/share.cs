<section class="card wide">
  <?cs include:"history/stmt_head.cs" ?>
  <h2><?cs var:Lang.history.share_title ?></h2>
  <?cs if:Form.Revoked ?><p class="ok" role="status"><?cs var:Lang.history.share_revoked ?></p><?cs
  elif:Form.Made ?><p class="ok" role="status"><?cs var:Lang.history.share_made ?></p><?cs /if ?>
  <?cs if:Link.Url ?>
    <p class="muted"><?cs var:Lang.history.share_hint ?></p>
    <div class="share">
      <img class="qr" src="/statements/<?cs var:Stmt.Id ?>/qr.svg" width="240" height="240" alt="<?cs var:Lang.history.qr_alt ?>">
      <div>
        <label class="form"><?cs var:Lang.history.share_url ?>
          <input id="share-url" readonly value="<?cs var:Link.Url ?>"></label>
        <div class="actions">
          <button type="button" class="primary" data-copy="share-url"><?cs var:Lang.history.share_copy ?></button>
          <a class="button" href="/statements/<?cs var:Stmt.Id ?>/qr.png?download=1"><?cs var:Lang.history.share_png ?></a>
        </div>
        <p class="muted"><?cs var:Lang.history.share_expires ?> <?cs var:Link.Expires ?> ·
          <?cs var:Lang.history.share_opens ?> <?cs var:Link.Opens ?><?cs if:Link.FirstOpened ?> · <?cs var:Lang.history.share_first ?> <?cs var:Link.FirstOpened ?><?cs /if ?></p>
      </div>
    </div>
    <div class="actions">
      <form method="post" action="/statements/<?cs var:Stmt.Id ?>/share"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit"><?cs var:Lang.history.share_remake ?></button></form>
      <form method="post" action="/statements/<?cs var:Stmt.Id ?>/revoke"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><button type="submit" class="danger"><?cs var:Lang.history.share_revoke ?></button></form>
    </div>
  <?cs else ?>
    <p class="notice"><?cs var:Lang.history.share_none ?></p>
    <form method="post" action="/statements/<?cs var:Stmt.Id ?>/share"><input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <button type="submit" class="primary"><?cs var:Lang.history.share_make ?></button>
      <span class="muted"><?cs var:Share.Days ?> <?cs var:Lang.history.share_days ?></span></form>
  <?cs /if ?>
  <p><a href="/statements/<?cs var:Stmt.Id ?>"><?cs var:Lang.history.view_stmt ?></a> · <a href="/statements"><?cs var:Lang.history.back ?></a></p>
</section>

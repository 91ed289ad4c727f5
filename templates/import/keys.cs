<section>
  <div class="actions spread">
    <h1><?cs var:Lang.import.keys_title ?></h1>
    <a href="/import"><?cs var:Lang.import.title ?></a>
  </div>
  <p><?cs var:Lang.import.keys_intro ?></p>
  <?cs if:NewKey ?><p class="notice ok" id="new-key"><?cs var:Lang.import.key_shown ?><br><input id="key" readonly value="<?cs var:NewKey ?>" size="52" spellcheck="false"></p><?cs /if ?>
  <form method="post" action="/import/keys/new" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <label for="name"><?cs var:Lang.import.key_name ?></label>
    <input id="name" name="name" maxlength="64">
    <button type="submit"><?cs var:Lang.import.key_new ?></button>
  </form>
  <?cs if:subcount(Keys) == 0 ?><p class="muted"><?cs var:Lang.import.no_keys ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid api-keys">
    <thead><tr><th>#</th><th><?cs var:Lang.import.key_name ?></th><th><?cs var:Lang.import.key_prefix ?></th><th><?cs var:Lang.import.key_by ?></th><th><?cs var:Lang.import.key_made ?></th><th><?cs var:Lang.import.key_used ?></th><th class="num"><?cs var:Lang.import.key_calls ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:k = Keys ?><tr id="key-<?cs var:k.Id ?>"><td><?cs var:k.Id ?></td><td><?cs var:k.Name ?></td><td><code><?cs var:k.Prefix ?>…</code></td><td><?cs var:k.By ?></td><td><?cs var:k.At ?></td><td><?cs var:k.Used ?></td><td class="num"><?cs var:k.Calls ?></td>
      <td><?cs if:k.Revoked ?><span class="muted"><?cs var:Lang.import.key_revoked ?> <?cs var:k.Revoked ?></span><?cs else ?><form method="post" action="/import/keys/<?cs var:k.Id ?>/revoke" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <button type="submit"><?cs var:Lang.import.key_revoke ?></button>
      </form><?cs /if ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>

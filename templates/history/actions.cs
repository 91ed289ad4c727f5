<?cs # The buttons of a statement, on its card and on its page: id, the
  statement; acts, the key of its set in Vocab.acts (written by dz-history
  from lib/stmt: what this statement and this user allow; each button is
  code = label, with its .Class); extra, more classes for the row. ?><?cs
def:stmt_actions(id, acts, extra) ?><?cs if:acts ?>
<div class="actions<?cs var:extra ?>">
<?cs each:a = Vocab.acts[acts] ?><a class="button<?cs var:a.Class ?>" href="/statements/<?cs var:id ?>/<?cs name:a ?>"><?cs var:a ?></a>
<?cs /each ?></div>
<?cs /if ?><?cs /def ?>

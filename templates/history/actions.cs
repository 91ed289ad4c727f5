<?cs # The buttons of a statement, on its card and on its page: exactly the
  actions the program put in acts (Acts.N.Code, .Class), which are what
  lib/stmt allows for this statement and this user. extra: more classes
  for the row. ?><?cs
def:stmt_actions(id, acts, extra) ?><?cs if:subcount(acts) > 0 ?>
<div class="actions<?cs var:extra ?>">
<?cs each:a = acts ?><a class="button<?cs if:a.Class ?> <?cs var:a.Class ?><?cs /if ?>" href="/statements/<?cs var:id ?>/<?cs var:a.Code ?>"><?cs var:Lang.stmt.action[a.Code] ?></a>
<?cs /each ?></div>
<?cs /if ?><?cs /def ?>

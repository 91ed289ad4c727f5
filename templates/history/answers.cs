<?cs if:subcount(Answers) == 0 ?><p class="muted"><?cs var:Lang.history.no_answers ?></p><?cs else ?>
<div class="table-wrap">
<table class="grid answers">
  <thead><tr><th><?cs var:Lang.history.at ?></th><th><?cs var:Lang.history.decision ?></th><th><?cs var:Lang.history.description ?></th><th><?cs var:Lang.history.source ?></th><th><?cs var:Lang.history.ip ?></th><th><?cs var:Lang.history.device ?></th></tr></thead>
  <tbody>
  <?cs each:a = Answers ?>
  <tr>
    <td><?cs var:a.At ?></td>
    <td><span class="tag st-<?cs var:a.Decision ?>"><?cs var:Lang.stmt.status[a.Decision] ?></span></td>
    <td class="desc"><?cs var:a.Description ?></td>
    <td><?cs if:a.Source == "customer" ?><?cs var:Lang.history.src_customer ?><?cs else ?><?cs var:Lang.history.src_staff ?> <?cs var:a.User ?><?cs /if ?></td>
    <td><?cs var:a.Ip ?></td>
    <td class="muted agent"><?cs var:a.Agent ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs /if ?>

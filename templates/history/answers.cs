<?cs if:subcount(Answers) == 0 ?><p class="muted"><?cs var:Lang.history.no_answers ?></p><?cs else ?>
<div class="table-wrap">
<table class="grid answers">
  <thead><tr><th><?cs var:Lang.history.at ?></th><th><?cs var:Lang.history.decision ?></th><th><?cs var:Lang.history.description ?></th><th><?cs var:Lang.history.source ?></th><th><?cs var:Lang.history.ip ?></th><th><?cs var:Lang.history.device ?></th></tr></thead>
  <tbody>
  <?cs each:a = Answers ?>
  <tr>
    <td><?cs var:a.At ?></td>
    <td><span class="tag st-<?cs var:a.Decision ?>"><?cs var:Lang.stmt.status[a.Decision] ?></span></td>
    <td class="desc"><?cs var:a.Description ?><?cs if:a.Handler || a.Phone || a.Position ?><br><span class="muted"><?cs var:Lang.recon.handler ?>：<?cs var:a.Handler ?><?cs if:a.Position ?>（<?cs var:a.Position ?>）<?cs /if ?><?cs if:a.Phone ?> <?cs var:a.Phone ?><?cs /if ?></span><?cs /if ?><?cs if:a.Recon > 0 ?><br><a class="muted" href="#recon"><?cs var:Lang.recon.result ?></a><?cs /if ?></td>
    <td><?cs if:a.Source == "customer" ?><?cs var:Lang.history.src_customer ?><?cs else ?><?cs var:Lang.history.src_staff ?> <?cs var:a.User ?><?cs /if ?></td>
    <td><?cs var:a.Ip ?></td>
    <td class="muted agent"><?cs var:a.Agent ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs /if ?>

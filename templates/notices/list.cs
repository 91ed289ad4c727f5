<section>
  <div class="actions spread">
    <h1><?cs var:Lang.notify.title ?></h1>
    <?cs if:User.Unread ?><form method="post" action="/notices/read" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="all" value="1">
      <button type="submit"><?cs var:Lang.notify.read_all ?></button>
    </form><?cs /if ?>
  </div>
  <?cs if:subcount(Notices) == 0 ?><p class="notice"><?cs var:Lang.notify.empty ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid notices-list">
    <thead><tr><th><?cs var:Lang.notify.at ?></th><th><?cs var:Lang.notify.customer ?></th><th><?cs var:Lang.notify.what ?></th><th><?cs var:Lang.notify.period ?></th><th class="num"><?cs var:Lang.history.debt ?></th><th><?cs var:Lang.notify.delivery ?></th><th></th></tr></thead>
    <tbody>
    <?cs each:n = Notices ?>
    <tr class="<?cs if:n.Read == "1" ?>read<?cs else ?>unread<?cs /if ?>" id="n<?cs var:n.Id ?>">
      <td><?cs var:n.At ?></td>
      <td><a href="/statements/<?cs var:n.Sid ?>"><?cs var:n.Customer ?></a></td>
      <td class="kind-<?cs var:n.Kind ?>"><?cs var:n.What ?></td>
      <td><?cs var:n.From ?> <?cs var:Lang.history.until ?> <?cs var:n.To ?></td>
      <td class="num money<?cs call:balance_neg(n.Closing) ?>"><?cs call:balance_if_prepaid(n.Closing, "staff") ?>¥<?cs call:balance_amount(n.Closing) ?></td>
      <td><?cs each:d = n.Dlv ?><div class="dlv <?cs var:d.State ?>" data-delivery="<?cs var:d.Id ?>"><?cs var:d.Chan ?>：<?cs var:d.StateWords ?><?cs if:d.State == "pending" && d.Attempts > 0 ?>（<?cs var:Lang.notify.attempts ?> <?cs var:d.Attempts ?>，<?cs var:Lang.notify.next_at ?> <?cs var:d.NextAt ?>）<?cs /if ?><?cs if:d.Error ?> <span class="muted"><?cs var:Lang.notify.error ?>：<?cs var:d.Error ?></span><?cs /if ?>
        <?cs if:d.Resend == "1" ?><form method="post" action="/notices/resend" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <input type="hidden" name="delivery" value="<?cs var:d.Id ?>">
          <button type="submit"><?cs var:Lang.notify.resend ?></button>
        </form><?cs /if ?></div><?cs /each ?></td>
      <td><?cs if:n.Read == "1" ?><span class="muted"><?cs var:Lang.notify.is_read ?></span><?cs else ?><form method="post" action="/notices/read" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <input type="hidden" name="id" value="<?cs var:n.Id ?>">
        <button type="submit"><?cs var:Lang.notify.read ?></button>
      </form><?cs /if ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:Paging.Before ?><p class="paging"><a href="/notices?before=<?cs var:Paging.Before ?>"><?cs var:Lang.history.next ?></a></p><?cs /if ?>
  <?cs /if ?>
</section>

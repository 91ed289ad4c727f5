<section>
  <div class="actions spread">
    <h1><?cs var:Lang.history.sends ?></h1>
    <a href="/statements"><?cs var:Lang.history.back ?></a>
  </div>
  <form method="get" action="/statements/sends" class="form filters">
    <div class="row">
      <label><?cs var:Lang.history.from ?> <input type="date" name="from" value="<?cs var:Filter.from ?>"></label>
      <label><?cs var:Lang.history.to ?> <input type="date" name="to" value="<?cs var:Filter.to ?>"></label>
    </div>
    <?cs if:Form.Err.to ?><p class="field-error"><?cs var:Form.Err.to ?></p><?cs /if ?>
    <button type="submit"><?cs var:Lang.history.filter ?></button>
  </form>
  <?cs if:subcount(Days) == 0 ?><p class="notice"><?cs var:Lang.history.sends_empty ?></p><?cs /if ?>
  <?cs each:d = Days ?>
  <h2><?cs var:d.Date ?> <span class="muted"><?cs var:subcount(d.Sends) ?> <?cs var:Lang.history.times ?></span></h2>
  <div class="table-wrap">
  <table class="grid">
    <thead><tr><th><?cs var:Lang.history.sent_at ?></th><th><?cs var:Lang.history.sent_by ?></th><th><?cs var:Lang.history.customer ?></th><th><?cs var:Lang.history.period ?></th><th class="num"><?cs var:Lang.history.debt ?></th><th><?cs var:Lang.history.share_opens ?></th><th><?cs var:Lang.history.status ?></th></tr></thead>
    <tbody>
    <?cs each:s = d.Sends ?>
    <tr>
      <td><?cs var:s.Time ?></td>
      <td><?cs var:s.By ?></td>
      <td><a href="/statements/<?cs var:s.Id ?>"><?cs var:s.CustomerName ?></a> <span class="muted"><?cs var:s.CustomerCode ?></span></td>
      <td><?cs var:s.From ?> <?cs var:Lang.history.until ?> <?cs var:s.To ?></td>
      <td class="num money<?cs call:balance_neg(s.Closing) ?>"><?cs call:balance_if_prepaid(s.Closing, "staff") ?>¥<?cs call:balance_amount(s.Closing) ?></td>
      <td><?cs if:s.Opens > 0 ?><?cs var:Lang.history.opened ?> <?cs var:s.Opens ?> <?cs var:Lang.history.times ?><?cs else ?><span class="muted"><?cs var:Lang.history.unopened ?></span><?cs /if ?>
        <?cs if:s.Revoked == "1" ?><span class="tag st-disabled"><?cs var:Lang.history.revoked ?></span><?cs elif:s.Expired == "1" ?><span class="tag st-disabled"><?cs var:Lang.history.expired ?></span><?cs /if ?></td>
      <td><?cs if:s.Answered == "1" ?><?cs var:Lang.history.answered ?><?cs else ?><span class="muted"><?cs var:Lang.history.unanswered ?></span><?cs /if ?>
        <span class="tag st-<?cs var:s.Status ?>"><?cs var:s.StatusName ?></span></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /each ?>
</section>

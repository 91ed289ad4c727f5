<section class="month followup">
  <div class="actions spread">
    <h1><?cs var:Lang.month.followup ?></h1>
    <a href="/month"><?cs var:Lang.month.title ?></a>
  </div>
  <p class="muted"><?cs var:Lang.month.followup_intro ?><?cs each:d = Ladder ?> <span class="tag"><?cs var:d ?> <?cs var:Lang.month.days_unit ?></span><?cs /each ?></p>
  <?cs if:FollowCount == 0 ?><p class="notice"><?cs var:Lang.month.followup_none ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid" id="followup">
    <thead><tr><th><?cs var:Lang.month.col_code ?></th><th><?cs var:Lang.month.col_name ?></th><th><?cs var:Lang.month.period ?></th><th><?cs var:Lang.month.why ?></th><th class="num"><?cs var:Lang.month.age ?></th><th class="num"><?cs var:Lang.month.closing ?></th></tr></thead>
    <tbody>
    <?cs each:f = Follow ?><tr id="follow-<?cs var:f.Id ?>" data-why="<?cs var:f.Why ?>" data-rung="<?cs var:f.Rung ?>">
      <td><?cs var:f.Code ?></td><td><a href="/statements/<?cs var:f.Id ?>"><?cs var:f.Name ?></a></td>
      <td><?cs var:f.From ?> – <?cs var:f.To ?></td>
      <td><span class="tag why-<?cs var:f.Why ?>"><?cs var:Lang.month.waits[f.Why] ?></span></td>
      <td class="num"><?cs var:f.Age ?> <?cs var:Lang.month.days_unit ?><?cs if:f.Rung > 0 ?> <span class="tag rung">≥<?cs var:f.Rung ?></span><?cs /if ?></td>
      <td class="num money">¥<?cs var:f.Closing ?></td>
    </tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>

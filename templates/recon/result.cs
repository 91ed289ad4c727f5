<?cs # 账目核对's result, on the customer's page and the staff's: the
  余额调节表 from our closing to theirs, then the lines that differ. On the
  staff's page (Page.Staff) each open line has its resolution form
  (Recon.ResolveAction), and a resolved one its resolution: staff's words,
  never on the customer's page. Cell
  text from the customer's file is shown as text (escaped), never markup. ?>
<section class="card recon" id="recon">
  <h2><?cs var:Lang.recon.result ?></h2>
  <p class="muted"><?cs if:Recon.Method == "ledger" ?><?cs var:Lang.recon.by_ledger ?><?cs else ?><?cs var:Lang.recon.by_balance ?><?cs /if ?>
    · <?cs if:Recon.Source == "staff" ?><?cs var:Lang.recon.source_staff ?><?cs if:Page.Staff ?>（<?cs var:Recon.User ?>）<?cs /if ?><?cs else ?><?cs var:Lang.recon.source_customer ?><?cs /if ?>
    · <?cs var:Lang.recon.made_at ?> <time><?cs var:Recon.At ?></time></p>
  <p class="<?cs if:Recon.NDiff == 0 ?>ok<?cs else ?>alert<?cs /if ?> recon-sum" role="status"><?cs
    if:Recon.NDiff == 0 ?><?cs var:Lang.recon.all_match ?><?cs else ?><?cs var:Lang.recon.has_diff ?><?cs /if ?></p>
  <p class="muted"><?cs var:Lang.recon.counts_a ?> <?cs var:Recon.NOurs ?> <?cs var:Lang.recon.counts_b ?> <?cs var:Recon.NTheirs ?> <?cs var:Lang.recon.counts_c ?> <?cs var:Recon.NMatched ?> <?cs var:Lang.recon.counts_d ?></p>
  <table class="recon-table">
    <tr><th scope="row"><?cs var:Lang.recon.our_closing ?></th><td class="money"><?cs var:Recon.OurClosing ?></td></tr>
    <?cs if:Recon.OpeningDiff != "0.00" ?><tr><th scope="row">± <?cs var:Lang.recon.opening_diff ?></th><td class="money"><?cs var:Recon.OpeningDiff ?></td></tr><?cs /if ?>
    <?cs if:Recon.DAmount != "0.00" || Recon.Has.amount ?><tr><th scope="row">± <?cs var:Lang.recon.d_amount ?></th><td class="money"><?cs var:Recon.DAmount ?></td></tr><?cs /if ?>
    <?cs if:Recon.DTiming != "0.00" || Recon.Has.timing_ours || Recon.Has.timing_theirs ?><tr><th scope="row">± <?cs var:Lang.recon.d_timing ?></th><td class="money"><?cs var:Recon.DTiming ?></td></tr><?cs /if ?>
    <?cs if:Recon.DOnlyOurs != "0.00" || Recon.Has.only_ours ?><tr><th scope="row">± <?cs var:Lang.recon.d_only_ours ?></th><td class="money"><?cs var:Recon.DOnlyOurs ?></td></tr><?cs /if ?>
    <?cs if:Recon.DOnlyTheirs != "0.00" || Recon.Has.only_theirs ?><tr><th scope="row">± <?cs var:Lang.recon.d_only_theirs ?></th><td class="money"><?cs var:Recon.DOnlyTheirs ?></td></tr><?cs /if ?>
    <?cs if:Recon.Unexplained != "0.00" ?><tr class="alert"><th scope="row">± <?cs var:Lang.recon.unexplained ?></th><td class="money"><?cs var:Recon.Unexplained ?></td></tr><?cs /if ?>
    <tr class="total"><th scope="row"><?cs if:Recon.Given ?><?cs var:Lang.recon.their_closing_row ?><?cs else ?><?cs var:Lang.recon.their_closing_computed ?><?cs /if ?></th><td class="money"><?cs var:Recon.TheirClosing ?></td></tr>
  </table>
  <?cs if:subcount(Recon.Lines) > 0 ?>
  <h3><?cs var:Lang.recon.lines ?><?cs if:Page.Staff ?><span class="muted"><?cs if:Recon.Open > 0 ?>（<?cs var:Lang.recon.open_a ?> <?cs var:Recon.Open ?> <?cs var:Lang.recon.open_b ?>）<?cs else ?>（<?cs var:Lang.recon.resolved ?>）<?cs /if ?></span><?cs /if ?></h3>
  <ul class="recon-lines">
  <?cs each:l = Recon.Lines ?>
    <li class="rl k-<?cs var:l.Kind ?>" id="rl-<?cs var:l.Seq ?>">
      <p><span class="tag"><?cs var:Lang.recon.kind[l.Kind] ?></span><?cs if:l.Tie ?> <span class="tag muted"><?cs var:Lang.recon.tie ?></span><?cs /if ?>
        <?cs if:l.Delta != "0.00" ?><span class="money delta"><?cs var:Lang.recon.col_delta ?> <?cs var:l.Delta ?></span><?cs /if ?></p>
      <?cs if:l.Kind != "unexplained" ?><dl class="rl-sides">
        <dt><?cs var:Lang.recon.col_ours ?></dt><dd><?cs if:l.OurNumbers ?><span class="no"><?cs var:l.OurNumbers ?></span> <?cs var:l.OurDate ?> <span class="money"><?cs var:l.OurAmount ?></span><?cs else ?>—<?cs /if ?></dd>
        <dt><?cs var:Lang.recon.col_theirs ?></dt><dd><?cs if:l.TheirAmount != "0.00" || l.TheirRef || l.TheirMemo ?><?cs if:l.TheirRows ?><span class="muted"><?cs var:Lang.recon.row ?> <?cs var:l.TheirRows ?></span> <?cs /if ?><?cs var:l.TheirDate ?> <?cs var:l.TheirRef ?> <?cs var:l.TheirMemo ?> <span class="money"><?cs var:l.TheirAmount ?></span><?cs else ?>—<?cs /if ?></dd>
      </dl><?cs /if ?>
      <?cs if:l.Res.Action && Page.Staff ?><p class="ok res"><?cs var:Lang.recon.res[l.Res.Action] ?><?cs if:l.Res.Note ?>：<?cs var:l.Res.Note ?><?cs /if ?> <span class="muted">— <?cs var:l.Res.User ?> <time><?cs var:l.Res.At ?></time></span></p><?cs
      elif:Page.Staff && l.Differs && Recon.ResolveAction ?>
      <form method="post" action="<?cs var:Recon.ResolveAction ?>" class="form inline res-form">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <input type="hidden" name="run" value="<?cs var:Recon.Id ?>">
        <input type="hidden" name="seq" value="<?cs var:l.Seq ?>">
        <label for="res-<?cs var:l.Seq ?>"><?cs var:Lang.recon.resolve ?></label>
        <select id="res-<?cs var:l.Seq ?>" name="action">
          <option value="explain"><?cs var:Lang.recon.res.explain ?></option>
          <option value="timing"><?cs var:Lang.recon.res.timing ?></option>
          <option value="accept"><?cs var:Lang.recon.res.accept ?></option>
        </select>
        <label for="note-<?cs var:l.Seq ?>"><?cs var:Lang.recon.note ?></label>
        <input id="note-<?cs var:l.Seq ?>" name="note" maxlength="500">
        <button type="submit"><?cs var:Lang.recon.resolve ?></button>
      </form><?cs /if ?>
    </li>
  <?cs /each ?>
  </ul>
  <?cs if:Recon.LinesTotal ?><p class="muted"><?cs var:Lang.recon.shown_a ?> <?cs var:Recon.LinesShown ?> <?cs var:Lang.recon.shown_b ?> <?cs var:Recon.LinesTotal ?> <?cs var:Lang.recon.shown_c ?></p><?cs /if ?>
  <?cs /if ?>
  <?cs if:Recon.Upload > 0 && Page.Staff && Recon.FileLink ?><p class="muted"><?cs var:Lang.recon.file_kept ?>：<a href="<?cs var:Recon.FileLink ?>" download><?cs var:Recon.FileName ?></a> · <?cs var:Lang.recon.sha256 ?> <code><?cs var:Recon.FileSha256 ?></code></p><?cs /if ?>
</section>

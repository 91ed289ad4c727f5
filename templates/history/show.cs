<?cs include:"history/actions.cs" ?>
<section class="card statement">
  <?cs if:Form.Conflict ?><p class="alert" role="alert"><?cs var:Form.Conflict ?></p><?cs /if ?>
  <?cs # What the last action did, by its code; a 取消确认 can be undone
    while nothing has happened since (Form.Undo, from Stmt.Undo: the status
    it cleared). ?><?cs
  if:Form.Done == "create" ?><p class="ok" role="status"><?cs var:Lang.history.created_ok ?></p><?cs
  elif:Form.Done == "receive" ?><p class="ok" role="status"><?cs var:Lang.history.done.receive ?> <span class="money">¥<?cs var:Stmt.Received ?></span></p><?cs
  elif:Form.Done == "uncancel" ?><p class="ok" role="status"><?cs var:Lang.history.done.uncancel ?> <span class="tag st-<?cs var:Stmt.Status ?>"><?cs var:Stmt.StatusName ?></span></p><?cs
  elif:Form.Done == "cancel" ?><div class="ok done" role="status"><p><?cs var:Lang.history.done.cancel ?></p><?cs
    if:Form.Undo ?>
    <form method="post" action="/statements/<?cs var:Stmt.Id ?>/uncancel" class="undo">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="version" value="<?cs var:Stmt.Version ?>">
      <button type="submit"><?cs var:Lang.history.undo ?></button>
      <span class="muted"><?cs var:Lang.history.undo_hint ?></span>
    </form><?cs /if ?></div><?cs
  elif:Lang.history.done[Form.Done] ?><p class="ok" role="status"><?cs var:Lang.history.done[Form.Done] ?></p><?cs /if ?>
  <?cs include:"history/stmt_head.cs" ?>
  <?cs call:stmt_actions(Stmt.Id, Stmt.Acts, " noprint") ?>
  <p class="actions export noprint downloads"><a class="button download" href="/statements/<?cs var:Stmt.Id ?>/pdf"><?cs var:Lang.pdf.download ?></a> <a class="button" href="/statements/<?cs var:Stmt.Id ?>/xlsx"><?cs var:Lang.export.stmt_xlsx ?></a></p>
  <div class="table-wrap">
  <table class="grid">
    <thead><tr><th><?cs var:Lang.history.doc_date ?></th><th><?cs var:Lang.history.doc_type ?></th><th><?cs var:Lang.history.doc_number ?></th><th><?cs var:Lang.history.doc_summary ?></th><th class="num"><?cs var:Lang.history.doc_amount ?></th></tr></thead>
    <tbody>
    <?cs if:Stmt.WithOpening ?><tr><td><?cs var:Stmt.From ?></td><td colspan="3"><?cs var:Lang.history.opening ?><?cs if:Stmt.ChainFrom ?> <span class="muted" id="chain">（<?cs var:Lang.month.chain_from ?> <a href="/statements/<?cs var:Stmt.ChainFrom ?>">#<?cs var:Stmt.ChainFrom ?></a>）</span><?cs /if ?></td><td class="num money">¥<?cs var:Stmt.Opening ?></td></tr>
    <?cs if:Stmt.ChainDiffers ?><tr class="chain-diff" id="chain-diff"><td></td><td colspan="3"><?cs var:Lang.month.erp_opening ?> ¥<span data-k="erp-opening"><?cs var:Stmt.ErpOpening ?></span>，<?cs var:Lang.month.chain_diff ?> ¥<span data-k="chain-diff"><?cs var:Stmt.ChainDiff ?></span><br><span class="alert"><?cs var:Lang.month.chain_warn ?></span></td><td></td></tr><?cs /if ?><?cs /if ?>
    <?cs each:d = Docs ?>
    <tr>
      <td><?cs var:d.Date ?></td>
      <td><span class="tag ty-<?cs var:d.Type ?>"><?cs var:d.Tag ?></span></td>
      <td><?cs if:subcount(d.Lines) > 0 ?><details><summary><?cs var:d.Number ?></summary>
        <table class="grid goods"><thead><tr><th><?cs var:Lang.history.product_code ?></th><th><?cs var:Lang.history.product ?></th><th><?cs var:Lang.history.unit ?></th><th class="num"><?cs var:Lang.history.qty ?></th><th class="num"><?cs var:Lang.history.price ?></th><th class="num"><?cs var:Lang.history.line_amount ?></th></tr></thead>
        <tbody><?cs each:l = d.Lines ?><tr><td><?cs var:l.Code ?></td><td><?cs var:l.Name ?></td><td><?cs var:l.Unit ?></td><td class="num"><?cs var:l.Qty ?></td><td class="num"><?cs var:l.Price ?></td><td class="num money"><?cs var:l.Amount ?></td></tr><?cs /each ?></tbody></table>
        </details><?cs else ?><?cs var:d.Number ?><?cs /if ?></td>
      <td><?cs var:d.Summary ?></td>
      <td class="num money"><?cs var:d.Amount ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
    <tfoot>
      <tr><td colspan="4"><?cs var:Lang.history.sales ?></td><td class="num money"><?cs var:Stmt.Sales ?></td></tr>
      <tr><td colspan="4"><?cs var:Lang.history.returns ?></td><td class="num money"><?cs var:Stmt.Returns ?></td></tr>
      <tr><td colspan="4"><?cs var:Lang.history.receipts ?></td><td class="num money"><?cs var:Stmt.Receipts ?></td></tr>
      <?cs if:Stmt.Other != "0.00" ?><tr><td colspan="4"><?cs var:Lang.history.other ?></td><td class="num money"><?cs var:Stmt.Other ?></td></tr><?cs /if ?>
      <tr><td colspan="4"><?cs call:balance_label(Stmt.Closing, "staff") ?></td><td class="num money debt<?cs call:balance_neg(Stmt.Closing) ?>">¥<?cs call:balance_amount(Stmt.Closing) ?></td></tr>
    </tfoot>
  </table>
  </div>
  <p class="muted"><?cs var:Lang.history.made ?> <?cs var:Stmt.CreatedAt ?> · <?cs var:Lang.history.by ?> <?cs var:Stmt.CreatedBy ?> ·
    <?cs var:Lang.history.fingerprint ?> <code title="<?cs var:Lang.history.fingerprint_hint ?>"><?cs var:Stmt.Fingerprint ?></code></p>

  <h2><?cs var:Lang.history.answers ?></h2>
  <?cs include:"history/answers.cs" ?>

  <?cs if:Recon.Error ?><p class="alert" role="alert" id="recon-error"><?cs var:Recon.Error ?></p><?cs /if ?>
  <?cs if:Recon.Id ?><?cs include:"recon/result.cs" ?><?cs /if ?>
  <?cs if:Recon.UploadAction ?><form method="post" action="<?cs var:Recon.UploadAction ?>" enctype="multipart/form-data" class="form noprint recon-upload">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <h3><?cs var:Lang.recon.staff_upload ?></h3>
    <p class="hint"><?cs var:Lang.recon.staff_upload_hint ?> <?cs var:Lang.recon.upload_hint ?></p>
    <label for="ledger"><?cs var:Lang.recon.file ?></label>
    <input id="ledger" type="file" name="file" accept=".xlsx,.csv">
    <button type="submit"><?cs var:Lang.recon.upload ?></button>
  </form><?cs /if ?>

  <?cs include:"history/drift.cs" ?>

  <h2 class="noprint"><?cs var:Lang.history.events ?></h2>
  <ul class="events noprint">
  <?cs each:e = Events ?><li><span class="muted"><?cs var:e.At ?></span> <?cs var:e.User ?> <?cs if:e.Label ?><?cs var:e.Label ?><?cs elif:Lang.history.event[e.Action] ?><?cs var:Lang.history.event[e.Action] ?><?cs else ?><?cs var:e.Action ?><?cs /if ?> <span class="muted"><?cs var:e.Detail ?></span></li><?cs /each ?>
  </ul>
  <p class="noprint"><a href="/statements"><?cs var:Lang.history.back ?></a></p>
</section>

<?cs # 预览 (POST /statements/preview): the figures 生成对账单 would store
  for the ticked documents, nothing stored. One form carries the choice: its
  first button generates, the second (formaction /query, dz-query's POST)
  shows the query page again with the same ticks. ?>
<section class="preview">
  <h1><?cs var:Lang.preview.title ?>：<span id="cust-name"><?cs var:Cust.Name ?></span>
    <span class="muted"><?cs var:Cust.Code ?></span></h1>
  <p class="muted"><?cs var:Lang.preview.lead ?></p>
  <div class="card medium">
    <p><?cs var:Lang.preview.period ?>：<span id="period"><?cs var:Pick.From ?> <?cs var:Lang.preview.until ?> <?cs var:Pick.To ?></span>
      · <?cs if:Pick.Opening ?><?cs var:Lang.preview.with_opening ?><?cs else ?><?cs var:Lang.preview.without_opening ?><?cs /if ?></p>
    <p class="picked"><?cs var:Lang.preview.picked ?> <b id="picked"><?cs var:Sum.Count ?></b> <?cs var:Lang.preview.picked_of ?> <span id="of"><?cs var:Sum.Of ?></span> <?cs var:Lang.preview.picked_unit ?></p>
    <table class="grid sums" id="figures">
      <tbody>
      <tr><td><?cs var:Lang.preview.opening ?><?cs if:Sum.ChainFrom ?> <span class="muted" id="chain">（<?cs var:Lang.month.chain_from ?> #<?cs var:Sum.ChainFrom ?>）</span><?cs /if ?></td><td></td><td class="num money" id="sum-opening"><?cs var:Sum.Opening ?></td></tr>
      <?cs if:Sum.ChainDiffers ?><tr class="chain-diff" id="chain-diff"><td colspan="3"><?cs var:Lang.month.erp_opening ?> <?cs var:Sum.ErpOpening ?>，<?cs var:Lang.month.chain_diff ?> <?cs var:Sum.ChainDiff ?> <span class="alert"><?cs var:Lang.month.chain_warn ?></span></td></tr><?cs /if ?>
      <tr><td><?cs var:Lang.stmt.doc.sale ?></td><td class="num"><span id="n-sale"><?cs var:Sum.N.sale ?></span> <?cs var:Lang.preview.count_unit ?></td><td class="num money" id="sum-sale"><?cs var:Sum.Sales ?></td></tr>
      <tr><td><?cs var:Lang.stmt.doc.return ?></td><td class="num"><span id="n-return"><?cs var:Sum.N.return ?></span> <?cs var:Lang.preview.count_unit ?></td><td class="num money" id="sum-return"><?cs var:Sum.Returns ?></td></tr>
      <tr><td><?cs var:Lang.stmt.doc.receipt ?></td><td class="num"><span id="n-receipt"><?cs var:Sum.N.receipt ?></span> <?cs var:Lang.preview.count_unit ?></td><td class="num money" id="sum-receipt"><?cs var:Sum.Receipts ?></td></tr>
      <?cs if:Sum.N.other > 0 ?><tr><td><?cs var:Lang.query.t_other ?></td><td class="num"><span id="n-other"><?cs var:Sum.N.other ?></span> <?cs var:Lang.preview.count_unit ?></td><td class="num money" id="sum-other"><?cs var:Sum.Other ?></td></tr><?cs /if ?>
      </tbody>
      <tfoot>
      <tr class="closing"><td colspan="2"><?cs var:Lang.preview.closing ?>（<span id="closing-label"><?cs call:balance_label(Sum.Closing, "staff") ?></span>）</td><td class="num money debt<?cs call:balance_neg(Sum.Closing) ?>" id="closing">¥<?cs call:balance_amount(Sum.Closing) ?></td></tr>
      </tfoot>
    </table>
    <form method="post" action="/statements/new" id="confirm">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="customer" value="<?cs var:Cust.Id ?>">
      <input type="hidden" name="from" value="<?cs var:Pick.From ?>">
      <input type="hidden" name="to" value="<?cs var:Pick.To ?>">
      <?cs each:t = Pick.Types ?><input type="hidden" name="types" value="<?cs name:t ?>"><?cs /each ?>
      <?cs if:Pick.Opening ?><input type="hidden" name="opening" value="1"><?cs /if ?>
      <?cs each:d = Pick.Docs ?><input type="hidden" name="doc" value="<?cs var:d.Vch ?>">
      <?cs /each ?>
      <div class="actions">
        <button type="submit" class="primary"><?cs var:Lang.query.generate ?></button>
        <button type="submit" id="back" formaction="/query"><?cs var:Lang.preview.back ?></button>
      </div>
    </form>
  </div>
  <h2><?cs var:Lang.preview.left_out ?></h2>
  <?cs if:subcount(Out) == 0 ?><p class="muted" id="left-out"><?cs var:Lang.preview.none_left_out ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid" id="left-out">
    <thead><tr><th><?cs var:Lang.query.date ?></th><th><?cs var:Lang.query.type ?></th><th><?cs var:Lang.query.number ?></th><th><?cs var:Lang.query.summary ?></th><th class="num"><?cs var:Lang.query.amount ?></th></tr></thead>
    <tbody>
    <?cs each:d = Out ?><tr><td><?cs var:d.Date ?></td><td><span class="tag ty-<?cs var:d.Group ?>"><?cs var:d.Tag ?></span></td><td><?cs var:d.Number ?></td><td><?cs var:d.Summary ?></td><td class="num money"><?cs var:d.Amount ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>

<article class="cust">
<?cs if:Cust.Conflict ?><p class="notice" role="status"><?cs var:Lang.confirm.conflict ?></p><?cs /if ?>
<?cs if:Recon.Error && !Cust.CanAnswer ?><p class="notice" role="alert"><?cs var:Recon.Error ?></p><?cs /if ?>
<header class="card head">
  <p class="co"><?cs var:Stmt.Company ?></p>
  <h1><?cs var:Lang.confirm.title ?></h1>
  <p class="who"><?cs var:Lang.confirm.customer ?>：<?cs var:Stmt.CustomerName ?></p>
  <p class="muted"><?cs var:Lang.confirm.period ?>：<?cs var:Stmt.From ?> <?cs var:Lang.confirm.to ?> <?cs var:Stmt.To ?></p>
  <p class="debt-label"><?cs call:balance_label(Stmt.Closing, "cust") ?></p>
  <strong class="debt money<?cs call:balance_neg(Stmt.Closing) ?>">¥<?cs call:balance_amount(Stmt.Closing) ?></strong><?cs
  if:string.slice(Stmt.Closing, 0, 1) == "-" ?>
  <p class="muted prepaid-note"><?cs var:Lang.confirm.prepaid_note ?></p><?cs /if ?>
  <p><span class="tag st-<?cs var:Stmt.Status ?>"><?cs var:Stmt.StatusName ?></span></p>
</header>

<section class="card sums">
  <dl>
    <?cs if:Stmt.WithOpening ?><dt><?cs var:Lang.confirm.opening ?></dt><dd class="money"><?cs var:Stmt.Opening ?></dd><?cs /if ?>
    <dt><?cs var:Lang.confirm.sales ?></dt><dd class="money"><?cs var:Stmt.Sales ?></dd>
    <dt><?cs var:Lang.confirm.returns ?></dt><dd class="money"><?cs var:Stmt.Returns ?></dd>
    <dt><?cs var:Lang.confirm.receipts ?></dt><dd class="money"><?cs var:Stmt.Receipts ?></dd>
    <?cs if:Stmt.Other != "0.00" ?><dt><?cs var:Lang.confirm.other ?></dt><dd class="money"><?cs var:Stmt.Other ?></dd><?cs /if ?>
    <dt class="debt"><?cs call:balance_label(Stmt.Closing, "cust") ?></dt><dd class="money debt<?cs call:balance_neg(Stmt.Closing) ?>"><?cs call:balance_amount(Stmt.Closing) ?></dd>
  </dl>
</section>

<section class="card docs">
  <h2><?cs var:Lang.confirm.docs ?><span class="muted">（<?cs var:Stmt.Count ?> <?cs var:Lang.confirm.docs_unit ?>）</span></h2>
  <?cs set:prev = "" ?><?cs each:d = Docs ?><?cs
  if:d.Date != prev ?><h3 class="date"><?cs var:d.Date ?></h3><?cs set:prev = d.Date ?><?cs /if ?><?cs
  if:subcount(d.Lines) > 0 ?>
  <details>
    <summary><span class="tag ty-<?cs var:Vocab.group[d.Type] ?>"><?cs var:d.Tag ?></span><span class="no"><?cs var:d.Number ?></span><span class="amt money"><?cs var:d.Amount ?></span></summary>
    <ul class="lines"><?cs each:l = d.Lines ?>
      <li><span class="nm"><?cs var:l.Name ?></span><span class="q muted"><?cs var:l.Qty ?><?cs var:l.Unit ?> × <?cs var:l.Price ?></span><span class="money"><?cs var:l.Amount ?></span></li><?cs /each ?>
    </ul>
  </details><?cs
  else ?>
  <div class="doc"><span class="tag ty-<?cs var:Vocab.group[d.Type] ?>"><?cs var:d.Tag ?></span><span class="no"><?cs var:d.Number ?></span><span class="amt money"><?cs var:d.Amount ?></span></div><?cs
  /if ?><?cs /each ?>
  <?cs if:Stmt.Count == 0 ?><p class="muted"><?cs var:Lang.confirm.no_docs ?></p><?cs /if ?>
</section>

<?cs if:Recon.Id ?><?cs include:"recon/result.cs" ?><?cs /if ?>
<?cs if:Cust.CanAnswer ?><?cs include:"recon/forms.cs" ?><?cs /if ?>

<section class="card answer" id="answer">
<?cs if:Cust.CanAnswer ?>
  <?cs if:Reopen.At ?><div class="reopened notice" role="status">
    <p class="big"><?cs if:Stmt.Company ?><?cs var:Stmt.Company ?><?cs else ?><?cs var:Lang.confirm.reopened_who ?><?cs /if ?><?cs var:Lang.confirm.reopened_a ?> <time><?cs var:Reopen.At ?></time> <?cs var:Lang.confirm.reopened_b ?></p>
    <p><?cs if:Reopen.Source == "staff" ?><?cs var:Lang.confirm.earlier_staff ?><?cs else ?><?cs var:Lang.confirm.earlier ?><?cs /if ?><strong class="tag st-<?cs var:Reopen.Decision ?>"><?cs if:Reopen.Decision == "disputed" ?><?cs var:Lang.confirm.dispute ?><?cs else ?><?cs var:Lang.confirm.agree ?><?cs /if ?></strong>（<?cs var:Lang.confirm.answered_at ?> <time><?cs var:Reopen.AnsweredAt ?></time><?cs if:Reopen.Source == "staff" ?>，<?cs var:Lang.confirm.by_staff ?><?cs /if ?>）</p>
    <?cs if:Reopen.Description ?><p><?cs var:Lang.confirm.your_desc ?>：</p><p class="desc"><?cs var:Reopen.Description ?></p><?cs /if ?>
  </div><?cs /if ?>
  <form method="post" action="#answer" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <h2><?cs var:Lang.confirm.ask ?></h2>
    <?cs if:Cust.Error ?><p class="alert" role="alert" id="desc-error"><?cs var:Cust.Error ?></p><?cs /if ?>
    <label for="description"><?cs var:Lang.confirm.desc ?> <span class="hint"><?cs var:Lang.confirm.desc_hint ?></span></label>
    <?cs if:Recon.Id ?><p class="hint"><?cs if:Recon.NDiff == 0 ?><?cs var:Lang.recon.suggest_agree ?><?cs else ?><?cs var:Lang.recon.suggest_dispute ?><?cs /if ?> <?cs var:Lang.recon.attached ?></p><?cs /if ?>
    <textarea id="description" name="description" rows="4" maxlength="500"<?cs if:Cust.Error ?> aria-describedby="desc-error"<?cs /if ?>><?cs var:Form.description ?></textarea>
    <fieldset class="handler">
      <legend><?cs var:Lang.recon.handler ?> <span class="hint"><?cs var:Lang.recon.handler_hint ?></span></legend>
      <label for="handler"><?cs var:Lang.recon.handler ?></label>
      <input id="handler" name="handler" maxlength="64" autocomplete="name" value="<?cs var:Form.handler ?>">
      <label for="phone"><?cs var:Lang.recon.phone ?></label>
      <input id="phone" name="phone" maxlength="32" inputmode="tel" autocomplete="tel" value="<?cs var:Form.phone ?>">
      <label for="position"><?cs var:Lang.recon.position ?></label>
      <input id="position" name="position" maxlength="64" autocomplete="organization-title" value="<?cs var:Form.position ?>">
    </fieldset>
    <div class="choices">
      <button type="submit" name="decision" value="agreed" class="yes"><?cs var:Lang.confirm.agree ?></button>
      <button type="submit" name="decision" value="disputed" class="no"><?cs var:Lang.confirm.dispute ?></button>
    </div>
  </form>
<?cs else ?>
  <div class="receipt <?cs if:Answer.Decision == "disputed" ?>alert<?cs else ?>ok<?cs /if ?>" role="status">
    <p class="big"><?cs var:Lang.confirm.answered ?><strong><?cs if:Answer.Decision == "disputed" ?><?cs var:Lang.confirm.dispute ?><?cs else ?><?cs var:Lang.confirm.agree ?><?cs /if ?></strong></p>
    <p><?cs var:Lang.confirm.answered_at ?>：<?cs if:Answer.At ?><?cs var:Answer.At ?><?cs else ?><?cs var:Stmt.AnsweredAt ?><?cs /if ?><?cs if:Answer.Source == "staff" ?>（<?cs var:Lang.confirm.by_staff ?>）<?cs /if ?></p>
    <?cs if:Answer.Description ?><p><?cs var:Lang.confirm.your_desc ?>：</p><p class="desc"><?cs var:Answer.Description ?></p><?cs /if ?>
  </div>
  <p class="muted"><?cs var:Lang.confirm.after ?></p>
<?cs /if ?>
</section>
</article>

<?cs # 账目核对's two forms on the customer's page (while 未确认): their
  balance with marks per document, and their ledger as a file. Both work
  without JavaScript. They post to "?balance" and "?upload" beside the
  page's own path, which nginx sends on to /c/<token>/balance and /upload:
  the page never repeats its token. ?>
<section class="card recon-forms" id="recon-forms">
  <h2><?cs var:Lang.recon.title ?></h2>
  <p class="muted"><?cs var:Lang.recon.intro ?></p>
  <?cs if:Recon.Error ?><p class="alert" role="alert" id="recon-error"><?cs var:Recon.Error ?></p><?cs /if ?>
  <form method="post" action="?balance" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <h3><?cs var:Lang.recon.balance_title ?></h3>
    <label for="their_closing"><?cs var:Lang.recon.their_closing ?> <span class="hint"><?cs var:Lang.recon.their_closing_hint ?></span></label>
    <input id="their_closing" name="their_closing" inputmode="decimal" autocomplete="off" value="<?cs var:Form.their_closing ?>">
    <?cs if:subcount(Docs) > 0 ?><details>
      <summary><?cs var:Lang.recon.marks ?></summary>
      <ul class="marks"><?cs each:d = Docs ?>
        <li><span class="no"><?cs var:d.Number ?></span> <span class="muted"><?cs var:d.Date ?></span> <span class="money"><?cs var:d.Amount ?></span>
          <select name="m<?cs var:d.Vchcode ?>" aria-label="<?cs var:d.Number ?>">
            <option value="ok"><?cs var:Lang.recon.mark_ok ?></option>
            <option value="none"><?cs var:Lang.recon.mark_none ?></option>
            <option value="amount"><?cs var:Lang.recon.mark_amount ?></option>
          </select>
          <input name="a<?cs var:d.Vchcode ?>" inputmode="decimal" autocomplete="off" placeholder="<?cs var:Lang.recon.their_amount ?>" aria-label="<?cs var:Lang.recon.their_amount ?> <?cs var:d.Number ?>"></li><?cs /each ?>
      </ul>
    </details><?cs /if ?>
    <button type="submit"><?cs var:Lang.recon.run ?></button>
  </form>
  <form method="post" action="?upload" enctype="multipart/form-data" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <h3><?cs var:Lang.recon.upload_title ?></h3>
    <p class="hint"><?cs var:Lang.recon.upload_hint ?></p>
    <label for="ledger"><?cs var:Lang.recon.file ?></label>
    <input id="ledger" type="file" name="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv">
    <button type="submit"><?cs var:Lang.recon.upload ?></button>
  </form>
</section>

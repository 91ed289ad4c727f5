<?cs # The columns of an uploaded ledger, guessed, for the person to
  confirm (the customer's page and the staff's): which column is the
  date, their number, the memo and the amounts, and where the header is.
  The file's cells are shown as text. ?>
<article class="cust">
<section class="card">
  <h1><?cs var:Lang.recon.map_title ?></h1>
  <p class="muted"><?cs var:Stmt.CustomerName ?> · <?cs var:Stmt.From ?> <?cs var:Lang.confirm.to ?> <?cs var:Stmt.To ?></p>
  <p><?cs var:Lang.recon.file ?>：<?cs var:Map.Filename ?>（<?cs var:Map.Encoding ?>，<?cs var:Map.NRows ?> × <?cs var:Map.NCols ?>）</p>
  <p class="hint"><?cs var:Lang.recon.map_hint ?></p>
  <?cs if:Map.Error ?><p class="alert" role="alert"><?cs var:Map.Error ?></p><?cs /if ?>
  <form method="post"<?cs if:Map.Action ?> action="<?cs var:Map.Action ?>"<?cs /if ?> class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <label for="h"><?cs var:Lang.recon.map_header ?></label>
    <select id="h" name="h">
      <option value="0"<?cs if:Map.Header == 0 ?> selected<?cs /if ?>><?cs var:Lang.recon.map_no_header ?></option><?cs
      each:c = Map.HeaderChoices ?>
      <option value="<?cs var:c.N ?>"<?cs if:Map.Header == c.N ?> selected<?cs /if ?>><?cs var:Lang.recon.row ?> <?cs var:c.N ?></option><?cs /each ?>
    </select>
    <?cs def:colsel(field, label) ?>
    <label for="f-<?cs var:field ?>"><?cs var:label ?></label>
    <select id="f-<?cs var:field ?>" name="<?cs var:field ?>">
      <option value=""><?cs var:Lang.recon.map_none ?></option><?cs
      each:c = Map.Cols ?>
      <option value="<?cs var:c.Index ?>"<?cs if:Map.Sel[field] != "" && Map.Sel[field] == c.Index ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?>
    </select><?cs /def ?>
    <?cs call:colsel("date", Lang.recon.col.date) ?>
    <?cs call:colsel("ref", Lang.recon.col.ref) ?>
    <?cs call:colsel("memo", Lang.recon.col.memo) ?>
    <?cs call:colsel("amount", Lang.recon.col.amount) ?>
    <?cs call:colsel("debit", Lang.recon.col.debit) ?>
    <?cs call:colsel("credit", Lang.recon.col.credit) ?>
    <?cs call:colsel("bal", Lang.recon.col.bal) ?>
    <label class="check"><input type="checkbox" name="neg" value="1"<?cs if:Map.Negate ?> checked<?cs /if ?>> <?cs var:Lang.recon.map_negate ?></label>
    <label for="their_closing"><?cs var:Lang.recon.their_closing ?> <span class="hint"><?cs var:Lang.recon.their_closing_hint ?></span></label>
    <input id="their_closing" name="their_closing" inputmode="decimal" autocomplete="off">
    <button type="submit"><?cs var:Lang.recon.run ?></button>
  </form>
</section>
<section class="card">
  <h2><?cs var:Lang.recon.preview ?></h2>
  <div class="scroll"><table class="sheet-preview">
    <tr><th></th><?cs each:c = Map.Cols ?><th scope="col"><?cs var:c.Label ?></th><?cs /each ?></tr><?cs
    each:row = Map.Rows ?>
    <tr><th scope="row"><?cs var:row.N ?></th><?cs each:cell = row.Cells ?><td><?cs var:cell ?></td><?cs /each ?></tr><?cs /each ?>
  </table></div>
</section>
</article>

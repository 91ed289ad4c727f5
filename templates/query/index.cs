<section class="query">
<?cs if:!Query.Customer || !Cust.Id ?>
  <h1><?cs var:Lang.query.title ?></h1>
  <form class="form" method="get" action="/query" id="cust-search" role="search">
    <div class="row">
      <label><?cs var:Lang.query.search ?>
        <input name="q" id="cust-q" value="<?cs var:Query.Q ?>" maxlength="50" autocomplete="off"
          placeholder="<?cs var:Lang.query.search_hint ?>" autofocus></label>
    </div>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.query.search_go ?></button></div>
  </form>
  <div id="cust-list" aria-live="polite">
  <?cs if:Picker.Count == 0 ?>
    <p class="notice"><?cs if:Query.Q ?><?cs var:Lang.query.no_match ?><?cs else ?><?cs var:Lang.query.no_customers ?><?cs /if ?></p>
  <?cs else ?>
    <div class="table-wrap">
    <table class="grid">
      <thead><tr>
        <th><?cs var:Lang.query.code ?></th>
        <th><?cs var:Lang.query.name ?></th>
        <th><?cs var:Lang.query.short ?></th>
        <th class="num"><?cs var:Lang.query.receivable ?></th>
        <th></th>
      </tr></thead>
      <tbody>
      <?cs each:c = Customers ?>
      <tr>
        <td class="code"><?cs var:c.Code ?></td>
        <td><a href="/query?customer=<?cs var:url_escape(c.Id) ?>"><?cs var:c.Name ?></a></td>
        <td><?cs var:c.Short ?></td>
        <td class="num money">¥<?cs var:c.Receivable ?></td>
        <td><a class="button" href="/query?customer=<?cs var:url_escape(c.Id) ?>"><?cs var:Lang.query.pick ?></a></td>
      </tr>
      <?cs /each ?>
      </tbody>
    </table>
    </div>
    <div class="actions pager">
      <?cs if:?Picker.Prev ?><a class="button" href="/query?q=<?cs var:url_escape(Query.Q) ?>&amp;page=<?cs var:Picker.Prev ?>"><?cs var:Lang.query.prev ?></a><?cs /if ?>
      <?cs if:?Picker.Next ?><a class="button" href="/query?q=<?cs var:url_escape(Query.Q) ?>&amp;page=<?cs var:Picker.Next ?>"><?cs var:Lang.query.next ?></a><?cs /if ?>
    </div>
  <?cs /if ?>
  </div>
<?cs else ?>
  <div class="actions spread">
    <h1><?cs var:Lang.query.title ?>：<span id="cust-name"><?cs var:Cust.Name ?></span>
      <span class="muted"><?cs var:Cust.Code ?></span></h1>
    <a class="button" href="/query"><?cs var:Lang.query.change ?></a>
  </div>
  <p class="muted"><?cs var:Lang.query.receivable_now ?> <span class="money">¥<?cs var:Cust.Receivable ?></span></p>

  <form class="form card" method="get" action="/query" id="filters">
    <input type="hidden" name="customer" value="<?cs var:Cust.Id ?>">
    <input type="hidden" name="go" value="1">
    <div class="row">
      <label><?cs var:Lang.query.from ?>
        <input type="date" name="from" value="<?cs var:Query.From ?>" required></label>
      <label><?cs var:Lang.query.to ?>
        <input type="date" name="to" value="<?cs var:Query.To ?>" required></label>
    </div>
    <?cs if:Form.Err.to ?><p class="field-error"><?cs var:Form.Err.to ?></p><?cs /if ?>
    <fieldset class="types">
      <legend><?cs var:Lang.query.types ?></legend>
      <?cs each:c = Vocab.doc ?><label><input type="checkbox" name="types" value="<?cs var:c ?>"<?cs if:Query.Types[c] ?> checked<?cs /if ?>> <?cs var:Lang.stmt.doc[c] ?></label>
      <?cs /each ?>
    </fieldset>
    <?cs if:Form.Err.types ?><p class="field-error"><?cs var:Form.Err.types ?></p><?cs /if ?>
    <div class="actions"><button type="submit" class="primary"><?cs var:Lang.query.run ?></button></div>
  </form>

  <?cs if:Result.TooMany ?>
  <p class="alert" role="alert"><?cs var:Lang.query.too_many_a ?> <?cs var:Result.TooMany ?> <?cs var:Lang.query.too_many_b ?> <?cs var:Result.Max ?> <?cs var:Lang.query.too_many_c ?></p>
  <?cs elif:Result.Shown ?>
  <form method="post" action="/statements/new" id="pick">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="customer" value="<?cs var:Cust.Id ?>">
    <input type="hidden" name="from" value="<?cs var:Query.From ?>">
    <input type="hidden" name="to" value="<?cs var:Query.To ?>">
    <?cs each:t = Query.Types ?><input type="hidden" name="types" value="<?cs name:t ?>"><?cs /each ?>
    <h2><?cs var:Query.From ?> <?cs var:Lang.query.until ?> <?cs var:Query.To ?> · <?cs var:Lang.query.count_a ?> <span id="doc-count"><?cs var:Result.Count ?></span> <?cs var:Lang.query.count_b ?></h2>
    <?cs if:Result.Count == 0 ?><p class="notice"><?cs var:Lang.query.none ?></p><?cs /if ?>
    <div class="table-wrap">
    <table class="grid statement">
      <thead><tr>
        <th><input type="checkbox" id="check-all" hidden aria-label="<?cs var:Lang.query.check_all ?>" title="<?cs var:Lang.query.check_all ?>"></th>
        <th><?cs var:Lang.query.date ?></th>
        <th><?cs var:Lang.query.type ?></th>
        <th><?cs var:Lang.query.number ?></th>
        <th><?cs var:Lang.query.summary ?></th>
        <th class="num"><?cs var:Lang.query.amount ?></th>
        <th class="num"><?cs var:Lang.query.balance ?></th>
      </tr></thead>
      <tbody>
      <tr class="opening">
        <td><input type="checkbox" name="opening" value="1" checked aria-label="<?cs var:Lang.query.opening_include ?>" title="<?cs var:Lang.query.opening_include ?>"></td>
        <td><?cs var:Query.From ?></td>
        <td colspan="3"><?cs var:Lang.query.opening ?></td>
        <td class="num"></td>
        <td class="num money" id="opening">¥<?cs var:Result.Opening ?></td>
      </tr>
      <?cs each:d = Docs ?>
      <tr class="doc">
        <td><input type="checkbox" name="doc" value="<?cs var:d.Vch ?>" checked aria-label="<?cs var:d.Number ?>"></td>
        <td class="date"><?cs var:d.Date ?></td>
        <td><span class="tag ty-<?cs var:d.Type ?>" title="<?cs var:d.TypeName ?>"><?cs var:d.Tag ?></span></td>
        <td><?cs if:subcount(d.Lines) > 0 ?><details><summary><?cs var:d.Number ?></summary>
          <table class="lines"><thead><tr><th><?cs var:Lang.query.l_code ?></th><th><?cs var:Lang.query.l_name ?></th><th class="num"><?cs var:Lang.query.l_qty ?></th><th><?cs var:Lang.query.l_unit ?></th><th class="num"><?cs var:Lang.query.l_price ?></th><th class="num"><?cs var:Lang.query.l_amount ?></th></tr></thead><tbody>
          <?cs each:l = d.Lines ?><tr><td><?cs var:l.Code ?></td><td><?cs var:l.Name ?></td><td class="num"><?cs var:l.Qty ?></td><td><?cs var:l.Unit ?></td><td class="num"><?cs var:l.Price ?></td><td class="num"><?cs var:l.Amount ?></td></tr><?cs /each ?>
          </tbody></table></details><?cs else ?><?cs var:d.Number ?><?cs /if ?></td>
        <td><?cs var:d.Summary ?></td>
        <td class="num money<?cs if:d.Neg ?> neg<?cs /if ?>"><?cs var:d.Amount ?></td>
        <td class="num money"><?cs var:d.Balance ?></td>
      </tr>
      <?cs /each ?>
      </tbody>
      <tfoot>
      <tr><td></td><td colspan="4"><?cs var:Lang.stmt.doc.sale ?> <?cs var:Result.N.sale ?> <?cs var:Lang.query.count_b ?></td><td class="num money" id="sum-sale"><?cs var:Result.Sales ?></td><td></td></tr>
      <tr><td></td><td colspan="4"><?cs var:Lang.stmt.doc.return ?> <?cs var:Result.N.return ?> <?cs var:Lang.query.count_b ?></td><td class="num money" id="sum-return"><?cs var:Result.Returns ?></td><td></td></tr>
      <tr><td></td><td colspan="4"><?cs var:Lang.stmt.doc.receipt ?> <?cs var:Result.N.receipt ?> <?cs var:Lang.query.count_b ?></td><td class="num money" id="sum-receipt"><?cs var:Result.Receipts ?></td><td></td></tr>
      <?cs if:Result.N.other > 0 ?><tr><td></td><td colspan="4"><?cs var:Lang.query.t_other ?> <?cs var:Result.N.other ?> <?cs var:Lang.query.count_b ?></td><td class="num money" id="sum-other"><?cs var:Result.Other ?></td><td></td></tr><?cs /if ?>
      <tr class="closing"><td></td><td colspan="4"><?cs var:Lang.query.closing ?></td><td></td><td class="num money debt" id="closing">¥<?cs var:Result.Closing ?></td></tr>
      </tfoot>
    </table>
    </div>
    <div class="actions">
      <button type="submit" class="primary"<?cs if:Result.Count == 0 ?> disabled<?cs /if ?>><?cs var:Lang.query.generate ?></button>
      <span class="muted"><?cs var:Lang.query.generate_hint ?></span>
    </div>
  </form>
  <?cs /if ?>
<?cs /if ?>
</section>

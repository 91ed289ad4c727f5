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
  <?cs # The documents: a header table, the rows in chunks of 50 (each its
    own table, skipped by the browser while off screen: .chunk in dz.css),
    and the totals bar. Cell classes are left to nth-child rules in dz.css,
    which keeps a row to one line of markup; static/js/query.js reads the
    amount (6th cell), the type (the tag's ty- class) and writes the running
    balance (7th cell). The data- words are the closing balance's two names
    (templates/balance.cs), for the script to word it the same way. ?>
  <form method="post" action="/statements/new" id="pick" data-owed="<?cs var:Lang.balance.owed ?>" data-prepaid="<?cs var:Lang.balance.prepaid.staff ?>">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="customer" value="<?cs var:Cust.Id ?>">
    <input type="hidden" name="from" value="<?cs var:Query.From ?>">
    <input type="hidden" name="to" value="<?cs var:Query.To ?>">
    <?cs each:t = Query.Types ?><input type="hidden" name="types" value="<?cs name:t ?>"><?cs /each ?>
    <h2><?cs var:Query.From ?> <?cs var:Lang.query.until ?> <?cs var:Query.To ?> · <?cs var:Lang.query.count_a ?> <span id="doc-count"><?cs var:Result.Count ?></span> <?cs var:Lang.query.count_b ?>
      <?cs if:Result.Seen.sale > 0 || Result.Seen.return > 0 ?><span class="muted"><?cs var:Lang.query.goods_hint ?></span><?cs /if ?></h2>
    <?cs if:Result.Count == 0 ?><p class="notice"><?cs var:Lang.query.none ?></p><?cs /if ?>
    <div class="docs">
    <table class="grid statement cols head">
      <thead><tr>
        <th><input type="checkbox" id="check-all" hidden<?cs if:Result.Count > 0 && Result.Picked == Result.Count ?> checked<?cs /if ?> aria-label="<?cs var:Lang.query.check_all ?>" title="<?cs var:Lang.query.check_all ?>"></th>
        <th><?cs var:Lang.query.date ?></th>
        <th><?cs var:Lang.query.type ?></th>
        <th><?cs var:Lang.query.number ?></th>
        <th><?cs var:Lang.query.summary ?></th>
        <th><?cs var:Lang.query.amount ?></th>
        <th title="<?cs var:Lang.query.balance_hint ?>"><?cs var:Lang.query.balance ?></th>
      </tr></thead>
      <tbody>
      <tr class="opening<?cs if:!Result.OpeningOn ?> off<?cs /if ?>">
        <td><input type="checkbox" name="opening" value="1"<?cs if:Result.OpeningOn ?> checked<?cs /if ?> aria-label="<?cs var:Lang.query.opening_include ?>" title="<?cs var:Lang.query.opening_include ?>"></td>
        <td><?cs var:Query.From ?></td>
        <td colspan="3"><?cs var:Lang.query.opening ?></td>
        <td></td>
        <td class="money" id="opening">¥<?cs var:Result.Opening ?></td>
      </tr>
      </tbody>
    </table>
<?cs each:ch = Docs ?><div class="chunk"><table class="grid statement cols"><tbody>
<?cs each:d = ch ?><tr<?cs if:d.Off ?> class="off"<?cs /if ?>><td><input type="checkbox" name="doc" value="<?cs var:d.Vch ?>"<?cs if:!d.Off ?> checked<?cs /if ?>></td><td><?cs var:d.Date ?></td><td><span class="tag ty-<?cs var:d.Group ?>"><?cs var:d.Tag ?></span></td><td><?cs if:d.Goods ?><a href="/query/doc/<?cs var:d.Vch ?>?customer=<?cs var:url_escape(Cust.Id) ?>&amp;date=<?cs var:d.Date ?>"><?cs var:d.Number ?></a><?cs else ?><?cs var:d.Number ?><?cs /if ?></td><td><?cs var:d.Summary ?></td><td><?cs var:d.Amount ?></td><td><?cs var:d.Balance ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs /each ?>
    </div>
    <div class="totals" id="totals">
      <p class="picked"><?cs var:Lang.query.picked ?> <b id="picked"><?cs var:Result.Picked ?></b> <?cs var:Lang.query.picked_of ?> <?cs var:Result.Count ?> <?cs var:Lang.query.count_b ?></p>
      <dl>
        <div><dt><?cs var:Lang.query.opening ?></dt><dd class="money" id="sum-opening"><?cs var:Result.OpeningCounted ?></dd></div>
        <div><dt><?cs var:Lang.stmt.doc.sale ?> <span id="n-sale"><?cs var:Result.N.sale ?></span> <?cs var:Lang.query.count_b ?></dt><dd class="money" id="sum-sale"><?cs var:Result.Sales ?></dd></div>
        <div><dt><?cs var:Lang.stmt.doc.return ?> <span id="n-return"><?cs var:Result.N.return ?></span> <?cs var:Lang.query.count_b ?></dt><dd class="money" id="sum-return"><?cs var:Result.Returns ?></dd></div>
        <div><dt><?cs var:Lang.stmt.doc.receipt ?> <span id="n-receipt"><?cs var:Result.N.receipt ?></span> <?cs var:Lang.query.count_b ?></dt><dd class="money" id="sum-receipt"><?cs var:Result.Receipts ?></dd></div>
        <?cs if:Result.Seen.other > 0 ?><div><dt><?cs var:Lang.query.t_other ?> <span id="n-other"><?cs var:Result.N.other ?></span> <?cs var:Lang.query.count_b ?></dt><dd class="money" id="sum-other"><?cs var:Result.Other ?></dd></div><?cs /if ?>
        <div class="closing"><dt><?cs var:Lang.query.closing ?>（<span id="closing-label"><?cs call:balance_label(Result.Closing, "staff") ?></span>）</dt><dd class="money debt<?cs call:balance_neg(Result.Closing) ?>" id="closing">¥<?cs call:balance_amount(Result.Closing) ?></dd></div>
      </dl>
      <div class="actions">
        <button type="submit" class="primary"<?cs if:Result.Count == 0 ?> disabled<?cs /if ?>><?cs var:Lang.query.generate ?></button>
        <button type="submit" id="preview" formaction="/statements/preview"<?cs if:Result.Count == 0 ?> disabled<?cs /if ?>><?cs var:Lang.query.preview ?></button>
        <span class="muted" id="stale"><?cs var:Lang.query.stale ?></span>
      </div>
    </div>
  </form>
  <?cs /if ?>
<?cs /if ?>
</section>

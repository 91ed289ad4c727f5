<?cs # One document's goods (GET /query/doc/VCH). static/js/query.js takes
  #goods from this page to open it under the document's row. ?>
<section class="query doc">
  <div class="actions spread">
    <h1><?cs var:Lang.query.doc_title ?>：<?cs var:Doc.Number ?></h1>
    <a class="button" href="/query?customer=<?cs var:url_escape(Cust.Id) ?>"><?cs var:Lang.query.doc_back ?></a>
  </div>
  <p><?cs var:Lang.query.doc_customer ?> <strong><?cs var:Cust.Name ?></strong> <span class="muted"><?cs var:Cust.Code ?></span>
    · <?cs var:Doc.Date ?> · <span class="tag ty-<?cs var:Doc.Group ?>"><?cs var:Doc.TypeName ?></span>
    · <?cs var:Lang.query.amount ?> <span class="money">¥<?cs var:Doc.Amount ?></span>
    <?cs if:Doc.Summary ?>· <?cs var:Doc.Summary ?><?cs /if ?></p>
  <?cs if:subcount(Lines) > 0 ?>
  <div class="table-wrap">
  <table class="grid lines" id="goods">
    <thead><tr><th><?cs var:Lang.query.l_code ?></th><th><?cs var:Lang.query.l_name ?></th><th class="num"><?cs var:Lang.query.l_qty ?></th><th><?cs var:Lang.query.l_unit ?></th><th class="num"><?cs var:Lang.query.l_price ?></th><th class="num"><?cs var:Lang.query.l_amount ?></th></tr></thead>
    <tbody>
    <?cs each:l = Lines ?><tr><td><?cs var:l.Code ?></td><td><?cs var:l.Name ?></td><td class="num"><?cs var:l.Qty ?></td><td><?cs var:l.Unit ?></td><td class="num"><?cs var:l.Price ?></td><td class="num money"><?cs var:l.Amount ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?>
  <p class="notice" id="goods"><?cs var:Lang.query.doc_no_goods ?></p>
  <?cs /if ?>
</section>

<?cs include:"history/actions.cs" ?>
<section>
  <div class="actions spread">
    <h1><?cs var:Lang.history.title ?></h1>
    <a href="/statements/sends"><?cs var:Lang.history.sends ?></a>
  </div>
  <?cs if:Form.Deleted ?><p class="ok" role="status"><?cs var:Lang.history.deleted ?></p><?cs /if ?>
  <form method="get" action="/statements" class="form filters">
    <div class="row">
      <label><?cs var:Lang.history.customer ?>
        <input name="customer" value="<?cs var:Filter.customer ?>" placeholder="<?cs var:Lang.history.customer_hint ?>" maxlength="64"></label>
      <label><?cs var:Lang.history.status ?>
        <select name="status">
          <option value=""><?cs var:Lang.history.all ?></option>
          <?cs each:c = Vocab.status ?><option value="<?cs var:c ?>"<?cs if:Filter.status == c ?> selected<?cs /if ?>><?cs var:Lang.stmt.status[c] ?></option>
          <?cs /each ?>
        </select></label>
      <label><?cs var:Lang.history.period ?> <?cs var:Lang.history.from ?>
        <input type="date" name="from" value="<?cs var:Filter.from ?>"></label>
      <label><?cs var:Lang.history.to ?>
        <input type="date" name="to" value="<?cs var:Filter.to ?>"></label>
      <label><?cs var:Lang.history.created ?> <?cs var:Lang.history.from ?>
        <input type="date" name="created_from" value="<?cs var:Filter.created_from ?>"></label>
      <label><?cs var:Lang.history.to ?>
        <input type="date" name="created_to" value="<?cs var:Filter.created_to ?>"></label>
    </div>
    <button type="submit"><?cs var:Lang.history.filter ?></button>
  </form>
  <?cs if:subcount(Stmts) > 0 ?><p class="actions export noprint">
    <a class="button" href="/statements/export.xlsx?customer=<?cs var:url_escape(Filter.customer) ?>&amp;status=<?cs var:url_escape(Filter.status) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>&amp;created_from=<?cs var:url_escape(Filter.created_from) ?>&amp;created_to=<?cs var:url_escape(Filter.created_to) ?>"><?cs var:Lang.export.list_xlsx ?></a>
    <a class="button" href="/statements/export.csv?customer=<?cs var:url_escape(Filter.customer) ?>&amp;status=<?cs var:url_escape(Filter.status) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>&amp;created_from=<?cs var:url_escape(Filter.created_from) ?>&amp;created_to=<?cs var:url_escape(Filter.created_to) ?>"><?cs var:Lang.export.list_csv ?></a>
    <span class="muted"><?cs var:Lang.export.list_hint ?></span></p><?cs /if ?>
  <?cs if:Page.NoAccount ?><p class="notice"><?cs var:Lang.history.noacct ?></p><?cs /if ?>
  <?cs if:subcount(Stmts) == 0 ?>
    <p class="notice"><?cs var:Lang.history.empty ?></p>
  <?cs else ?>
  <div class="cards">
  <?cs each:s = Stmts ?>
    <article class="scard" id="stmt-<?cs var:s.Id ?>">
      <div class="period"><a href="/statements/<?cs var:s.Id ?>"><?cs var:s.From ?> <?cs var:Lang.history.until ?> <?cs var:s.To ?></a></div>
      <div><?cs var:s.CustomerName ?> <span class="muted"><?cs var:s.CustomerCode ?></span></div>
      <div><span class="tag st-<?cs var:s.Status ?>"><?cs var:s.StatusName ?></span><?cs
        if:s.Recon == "diff" ?> <a class="tag recon-diff" href="/statements/<?cs var:s.Id ?>#recon"><?cs var:Lang.recon.card_diff ?></a><?cs
        elif:s.Recon == "ok" ?> <span class="tag recon-ok"><?cs var:Lang.recon.card_ok ?></span><?cs /if ?><?cs
        if:s.ChainDiff ?> <a class="tag chain-diff" href="/statements/<?cs var:s.Id ?>#chain-diff"><?cs var:Lang.month.card_chain ?></a><?cs /if ?><?cs
        if:s.Drift ?> <a class="tag drift" href="/statements/<?cs var:s.Id ?>#drift"><?cs var:Lang.drift.card ?></a><?cs /if ?>
        <span class="muted"><?cs var:Lang.history.received ?></span> <span class="money">¥<?cs var:s.Received ?></span></div>
      <div class="foot">
        <span class="count"><?cs var:s.Count ?> <?cs var:Lang.history.count_unit ?><?cs var:Lang.history.count ?></span>
        <span><span class="muted"><?cs call:balance_label(s.Closing, "staff") ?></span> <span class="money debt<?cs call:balance_neg(s.Closing) ?>">¥<?cs call:balance_amount(s.Closing) ?></span></span>
      </div>
      <?cs call:stmt_actions(s.Id, s.Acts, "") ?>
    </article>
  <?cs /each ?>
  </div>
  <nav class="actions paging">
    <?cs if:Paging.Prev ?><a class="button" href="/statements?page=<?cs var:Paging.Prev ?>&amp;customer=<?cs var:url_escape(Filter.customer) ?>&amp;status=<?cs var:url_escape(Filter.status) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>&amp;created_from=<?cs var:url_escape(Filter.created_from) ?>&amp;created_to=<?cs var:url_escape(Filter.created_to) ?><?cs if:Paging.Newer ?>&amp;newer=<?cs var:Paging.Newer ?><?cs /if ?>"><?cs var:Lang.history.prev ?></a><?cs /if ?>
    <span class="muted"><?cs var:Lang.history.paging.a ?> <?cs var:Paging.Page ?><?cs if:!Paging.More ?> / <?cs var:Paging.Pages ?><?cs /if ?> <?cs var:Lang.history.paging.b ?> <?cs if:Paging.More ?><?cs var:Lang.history.paging.over ?> <?cs /if ?><?cs var:Paging.Total ?> <?cs var:Lang.history.paging.c ?></span>
    <?cs if:Paging.Next ?><a class="button" href="/statements?page=<?cs var:Paging.Next ?>&amp;customer=<?cs var:url_escape(Filter.customer) ?>&amp;status=<?cs var:url_escape(Filter.status) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>&amp;created_from=<?cs var:url_escape(Filter.created_from) ?>&amp;created_to=<?cs var:url_escape(Filter.created_to) ?>&amp;older=<?cs var:Paging.Older ?>"><?cs var:Lang.history.next ?></a><?cs /if ?>
  </nav>
  <?cs /if ?>
</section>

<section>
  <div class="actions spread">
    <h1><?cs var:Lang.audit.title ?></h1>
    <a class="button" href="/admin/audit.csv?user=<?cs var:url_escape(Filter.user) ?>&amp;action=<?cs var:url_escape(Filter.action) ?>&amp;object=<?cs var:url_escape(Filter.object) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>" title="<?cs var:Paging.CsvHint ?>"><?cs var:Lang.audit.export ?></a>
  </div>
  <p class="muted"><?cs var:Lang.audit.intro ?></p>
  <form method="get" action="/admin/audit" class="form filters">
    <div class="row">
      <label><?cs var:Lang.audit.user ?>
        <input name="user" value="<?cs var:Filter.user ?>" maxlength="64"></label>
      <label><?cs var:Lang.audit.action ?>
        <select name="action">
          <option value=""><?cs var:Lang.audit.any ?></option>
          <?cs each:a = Actions ?><option value="<?cs var:a.Code ?>"<?cs if:Filter.action == a.Code ?> selected<?cs /if ?>><?cs if:Lang.audit.name[a.Code] ?><?cs var:Lang.audit.name[a.Code] ?><?cs else ?><?cs var:a.Code ?><?cs /if ?></option>
          <?cs /each ?>
        </select></label>
      <label><?cs var:Lang.audit.object ?>
        <input name="object" value="<?cs var:Filter.object ?>" placeholder="<?cs var:Lang.audit.object_hint ?>" maxlength="64"></label>
      <label><?cs var:Lang.audit.from ?>
        <input type="date" name="from" value="<?cs var:Filter.from ?>"></label>
      <label><?cs var:Lang.audit.to ?>
        <input type="date" name="to" value="<?cs var:Filter.to ?>"></label>
    </div>
    <button type="submit"><?cs var:Lang.audit.filter ?></button>
  </form>
  <?cs if:subcount(Rows) == 0 ?><p class="notice"><?cs var:Lang.audit.empty ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid audit">
    <thead><tr>
      <th><?cs var:Lang.audit.col_at ?></th>
      <th><?cs var:Lang.audit.col_user ?></th>
      <th><?cs var:Lang.audit.col_action ?></th>
      <th><?cs var:Lang.audit.col_object ?></th>
      <th><?cs var:Lang.audit.col_detail ?></th>
      <th><?cs var:Lang.audit.col_ip ?></th>
    </tr></thead>
    <tbody>
    <?cs each:a = Rows ?>
    <tr id="audit-<?cs var:a.Id ?>">
      <td class="num"><?cs var:a.At ?></td>
      <td><?cs var:a.User ?></td>
      <td><span class="tag"><?cs if:Lang.audit.name[a.Action] ?><?cs var:Lang.audit.name[a.Action] ?><?cs else ?><?cs var:a.Action ?><?cs /if ?></span></td>
      <td><?cs var:a.Object ?></td>
      <td><?cs var:a.Detail ?></td>
      <td class="muted"><?cs var:a.Ip ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <nav class="actions paging">
    <?cs if:Paging.Prev ?><a class="button" href="/admin/audit?page=<?cs var:Paging.Prev ?>&amp;user=<?cs var:url_escape(Filter.user) ?>&amp;action=<?cs var:url_escape(Filter.action) ?>&amp;object=<?cs var:url_escape(Filter.object) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>"><?cs var:Lang.audit.prev ?></a><?cs /if ?>
    <span class="muted"><?cs var:Lang.audit.paging.a ?> <?cs var:Paging.Page ?><?cs if:!Paging.More ?> / <?cs var:Paging.Pages ?><?cs /if ?> <?cs var:Lang.audit.paging.b ?> <?cs if:Paging.More ?><?cs var:Lang.audit.paging.over ?> <?cs /if ?><?cs var:Paging.Total ?> <?cs var:Lang.audit.paging.c ?></span>
    <?cs if:Paging.Next ?><a class="button" href="/admin/audit?page=<?cs var:Paging.Next ?>&amp;user=<?cs var:url_escape(Filter.user) ?>&amp;action=<?cs var:url_escape(Filter.action) ?>&amp;object=<?cs var:url_escape(Filter.object) ?>&amp;from=<?cs var:url_escape(Filter.from) ?>&amp;to=<?cs var:url_escape(Filter.to) ?>"><?cs var:Lang.audit.next ?></a><?cs /if ?>
  </nav>
  <?cs /if ?>
</section>

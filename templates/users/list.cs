<section>
  <div class="actions spread">
    <h1><?cs var:Lang.users.title ?></h1>
    <span><a class="button" href="/admin/notify"><?cs var:Lang.notify.settings ?></a>
    <a class="button primary" href="/admin/users/new"><?cs var:Lang.users.add ?></a></span>
  </div>
  <?cs if:Form.Saved ?><p class="ok" role="status"><?cs var:Lang.users.saved ?></p><?cs /if ?>
  <?cs if:subcount(Users) == 0 ?><p class="notice"><?cs var:Lang.users.list_empty ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid">
    <thead><tr>
      <th><?cs var:Lang.users.username ?></th>
      <th><?cs var:Lang.users.erp_kind ?></th>
      <th><?cs var:Lang.users.role ?></th>
      <th><?cs var:Lang.users.company ?></th>
      <th><?cs var:Lang.users.status ?></th>
      <th><?cs var:Lang.users.last_login ?></th>
      <th><?cs var:Lang.users.actions ?></th>
    </tr></thead>
    <tbody>
    <?cs each:u = Users ?>
    <tr>
      <td><?cs var:u.Username ?></td>
      <td><?cs each:k = ErpKinds ?><?cs if:k.Kind == u.ErpKind ?><?cs var:k.Name ?><?cs /if ?><?cs /each ?></td>
      <td><?cs if:u.Role == "admin" ?><?cs var:Lang.role.admin ?><?cs elif:u.Role == "clerk" ?><?cs var:Lang.role.clerk ?><?cs else ?><?cs var:Lang.role.viewer ?><?cs /if ?></td>
      <td><?cs if:u.Company ?><?cs var:u.Company ?> <span class="muted"><?cs var:u.Identity ?></span><?cs else ?><span class="muted"><?cs var:Lang.users.none ?></span><?cs /if ?></td>
      <td><?cs if:u.Status == "active" ?><span class="tag st-active"><?cs var:Lang.status.active ?></span><?cs else ?><span class="tag st-disabled"><?cs var:Lang.status.disabled ?></span><?cs /if ?></td>
      <td class="num"><?cs var:u.LastLogin ?></td>
      <td><a href="/admin/users/<?cs var:u.Id ?>"><?cs var:Lang.users.edit_link ?></a></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>

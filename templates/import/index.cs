<section>
  <h1><?cs var:Lang.import.title ?></h1>
  <p><?cs var:Lang.import.intro ?><?cs if:User.Role == "admin" ?> <a href="/import/keys"><?cs var:Lang.import.keys ?></a><?cs /if ?></p>
  <?cs if:Done ?><p class="notice ok" id="done"><?cs var:Done ?></p><?cs /if ?>
  <?cs if:Check.Refused ?><p class="notice error" id="refused"><?cs var:Check.Refused ?></p><?cs /if ?>

  <h2><?cs var:Lang.import.templates ?></h2>
  <ul class="templates">
    <li><?cs var:Lang.import.template_customers ?>：<a href="/import/customers.xlsx">XLSX</a> · <a href="/import/customers.csv">CSV</a></li>
    <li><?cs var:Lang.import.template_documents ?>：<a href="/import/documents.xlsx">XLSX</a> · <a href="/import/documents.csv">CSV</a></li>
    <li><?cs var:Lang.import.template_lines ?>：<a href="/import/lines.xlsx">XLSX</a> · <a href="/import/lines.csv">CSV</a></li>
  </ul>
  <p class="muted"><?cs var:Lang.import.types_help ?></p>

  <h2><?cs var:Lang.import.upload ?></h2>
  <form method="post" action="/import/upload" enctype="multipart/form-data" class="form">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <label for="file"><?cs var:Lang.import.choose ?></label>
    <input id="file" type="file" name="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv">
    <p class="muted"><?cs var:Limits ?></p>
    <button type="submit"><?cs var:Lang.import.upload ?></button>
  </form>

  <?cs if:Upload.Files ?>
  <h2><?cs var:Lang.import.files ?></h2>
  <div class="table-wrap">
  <table class="grid import-files">
    <thead><tr><th><?cs var:Lang.import.sheet ?></th><th><?cs var:Lang.import.file ?></th><th class="num"><?cs var:Lang.import.size ?></th><th><?cs var:Lang.import.uploaded_at ?></th></tr></thead>
    <tbody>
    <?cs each:p = Upload ?><?cs if:p.File || p.Size ?><tr id="part-<?cs name:p ?>"><td><?cs var:p ?></td><td><?cs var:p.File ?></td><td class="num"><?cs var:p.Size ?> <?cs var:Lang.import.bytes ?></td><td><?cs var:p.At ?></td></tr><?cs /if ?><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:Check.Errors > 0 ?>
  <p class="notice error" id="errors"><?cs var:Check.Said ?></p>
  <div class="table-wrap">
  <table class="grid import-errors">
    <thead><tr><th><?cs var:Lang.import.sheet ?></th><th class="num"><?cs var:Lang.import.row ?></th><th><?cs var:Lang.import.column ?></th><th><?cs var:Lang.import.value ?></th><th><?cs var:Lang.import.reason ?></th></tr></thead>
    <tbody>
    <?cs each:e = Check.Err ?><tr class="import-error"><td><?cs var:e.Sheet ?></td><td class="num"><?cs if:e.Row > 0 ?><?cs var:e.Row ?><?cs /if ?></td><td><?cs var:e.Col ?></td><td><?cs var:e.Value ?></td><td><?cs var:e.Words ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs elif:Check.Clean ?>
  <p class="notice ok" id="clean"><?cs var:Check.Said ?></p>
  <form method="post" action="/import/confirm" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <button type="submit" class="primary"><?cs var:Lang.import.confirm ?></button>
  </form>
  <?cs /if ?>
  <form method="post" action="/import/clear" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <button type="submit"><?cs var:Lang.import.clear ?></button>
  </form>
  <?cs /if ?>

  <h2><?cs var:Lang.import.history ?></h2>
  <?cs if:subcount(Imports) == 0 ?><p class="muted"><?cs var:Lang.import.none ?></p><?cs else ?>
  <div class="table-wrap">
  <table class="grid import-history">
    <thead><tr><th>#</th><th><?cs var:Lang.import.at ?></th><th><?cs var:Lang.import.by ?></th><th><?cs var:Lang.import.source ?></th><th><?cs var:Lang.import.file ?></th><th class="num"><?cs var:Lang.import.customers ?></th><th class="num"><?cs var:Lang.import.added ?></th><th class="num"><?cs var:Lang.import.changed ?></th><th class="num"><?cs var:Lang.import.unchanged ?></th><th class="num"><?cs var:Lang.import.lines ?></th></tr></thead>
    <tbody>
    <?cs each:i = Imports ?><tr id="imp-<?cs var:i.Id ?>"><td><?cs var:i.Id ?></td><td><?cs var:i.At ?></td><td><?cs var:i.By ?></td><td><?cs var:i.Source ?></td><td title="SHA-256 <?cs var:i.Sha ?>"><?cs var:i.Name ?></td><td class="num"><?cs var:i.Customers ?></td><td class="num"><?cs var:i.Added ?></td><td class="num"><?cs var:i.Changed ?></td><td class="num"><?cs var:i.Unchanged ?></td><td class="num"><?cs var:i.Lines ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>

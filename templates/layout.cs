<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> - <?cs /if ?><?cs var:Lang.product ?></title>
<?cs if:Page.Customer ?><meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<?cs /if ?><?cs if:Page.Refresh ?><meta http-equiv="refresh" content="<?cs var:Page.Refresh ?>">
<?cs /if ?><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/css/dz.css">
<?cs if:Page.Script ?><script src="/static/js/<?cs var:Page.Script ?>" defer></script><?cs /if ?>
</head>
<body class="<?cs if:User.Name ?>staff<?cs else ?>visitor<?cs /if ?>">
<?cs if:User.Name ?>
<header class="topbar">
  <a class="brand" href="/"><?cs var:Lang.product ?></a>
  <?cs if:User.Company ?><span class="company"><?cs var:User.Company ?></span><?cs /if ?>
  <nav class="tabs">
    <?cs if:Nav.Query ?><a href="/query"<?cs if:Page.Tab == "query" ?> class="on"<?cs /if ?>><?cs var:Lang.nav.query ?></a><?cs /if ?>
    <?cs if:Nav.History ?><a href="/statements"<?cs if:Page.Tab == "history" ?> class="on"<?cs /if ?>><?cs var:Lang.nav.history ?></a><?cs /if ?>
    <?cs if:Nav.Import ?><a href="/import"<?cs if:Page.Tab == "import" ?> class="on"<?cs /if ?>><?cs var:Lang.nav.import ?></a><?cs /if ?>
    <?cs if:Nav.Month ?><a href="/month"<?cs if:Page.Tab == "month" ?> class="on"<?cs /if ?>><?cs var:Lang.nav.month ?></a><?cs /if ?>
    <?cs if:Nav.Reports ?><a href="/reports"<?cs if:Page.Tab == "reports" ?> class="on"<?cs /if ?>><?cs var:Lang.nav.reports ?></a><?cs /if ?>
    <?cs if:Nav.Users ?><a href="/admin/users"<?cs if:Page.Tab == "users" ?> class="on"<?cs /if ?>><?cs var:Lang.nav.users ?></a>
    <a href="/admin/audit"<?cs if:Page.Tab == "audit" ?> class="on"<?cs /if ?>><?cs var:Lang.nav.audit ?></a><?cs /if ?>
  </nav>
  <?cs if:Nav.Notices ?><a class="notices<?cs if:Page.Tab == "notices" ?> on<?cs /if ?>" href="/notices"><?cs var:Lang.notify.title ?><?cs if:User.Unread ?> <span class="count" title="<?cs var:Lang.notify.unread ?>"><?cs if:User.Unread > 99 ?>99+<?cs else ?><?cs var:User.Unread ?><?cs /if ?></span><?cs /if ?></a><?cs /if ?>
  <span class="who"><a href="/password" title="<?cs var:Lang.nav.password ?>"><?cs var:User.Name ?></a></span>
  <form class="logout" method="post" action="/logout">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <button type="submit"><?cs var:Lang.logout ?></button>
  </form>
</header>
<?cs /if ?>
<main class="page">
<?cs include:"balance.cs" ?><?cs include:Page.Template ?>
</main>
</body>
</html>

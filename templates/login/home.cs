<section class="home">
  <?cs if:Home.PasswordChanged ?><p class="ok" role="status"><?cs var:Lang.home.pw_changed ?></p><?cs /if ?>
  <h1><?cs var:Lang.home.welcome ?></h1>
  <?cs if:Home.NoAccount ?><p class="notice"><?cs var:Lang.home.noacct ?></p><?cs /if ?>
  <div class="tiles">
    <?cs if:Nav.Query ?><a class="tile" href="/query"><strong><?cs var:Lang.nav.query ?></strong><span><?cs var:Lang.home.query ?></span></a><?cs /if ?>
    <?cs if:Nav.History ?><a class="tile" href="/statements"><strong><?cs var:Lang.nav.history ?></strong><span><?cs var:Lang.home.history ?></span></a><?cs /if ?>
    <?cs if:Nav.Users ?><a class="tile" href="/admin/users"><strong><?cs var:Lang.nav.users ?></strong><span><?cs var:Lang.home.users ?></span></a><?cs /if ?>
  </div>
</section>

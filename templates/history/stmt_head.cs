<header class="stmt-head">
  <h1><?cs var:Stmt.Company ?> <?cs var:Lang.history.stmt_title ?></h1>
  <p><strong><?cs var:Stmt.CustomerName ?></strong> <span class="muted"><?cs var:Stmt.CustomerCode ?></span></p>
  <p><?cs var:Lang.history.period ?>：<?cs var:Stmt.From ?> <?cs var:Lang.history.until ?> <?cs var:Stmt.To ?>
    <span class="tag st-<?cs var:Stmt.Status ?>"><?cs var:Stmt.StatusName ?></span>
    <?cs if:Stmt.AnsweredAt ?><span class="muted"><?cs var:Stmt.AnsweredAt ?></span><?cs /if ?></p>
  <p><?cs call:balance_label(Stmt.Closing, "staff") ?> <span class="money debt<?cs call:balance_neg(Stmt.Closing) ?>">¥<?cs call:balance_amount(Stmt.Closing) ?></span>
    · <?cs var:Lang.history.received ?> <span class="money">¥<?cs var:Stmt.Received ?></span>
    <?cs if:Stmt.ReceivedDate ?><span class="muted">（<?cs var:Stmt.ReceivedDate ?> <?cs var:Stmt.ReceivedNote ?>）</span><?cs /if ?>
    · <?cs var:Stmt.Count ?> <?cs var:Lang.history.count_unit ?><?cs var:Lang.history.count ?></p>
</header>

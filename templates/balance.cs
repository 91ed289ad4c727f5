<?cs # A closing balance as a person reads it. The money string v is signed
  ("-9,582.57" when the customer has paid more than was owed); a negative
  one is not a debt but money held for the customer, so it is worded as
  such: balance_label(v, who) prints the label (who = "staff" on the
  company's screens: 欠款金额 or 预收金额; "cust" on the customer's page:
  欠款金额 or 贵方预付余额) and balance_amount(v) the amount without its
  sign. balance_neg(v) prints " prepaid" for a class attribute when negative;
  balance_if_prepaid(v, who) the prepaid label and a space, only when
  negative (a column headed 欠款金额 names only the exceptions).
  Included by layout.cs, so every page has them. ?><?cs
def:balance_label(v, who) ?><?cs if:string.slice(v, 0, 1) == "-" ?><?cs
  var:Lang.balance.prepaid[who] ?><?cs else ?><?cs var:Lang.balance.owed ?><?cs /if ?><?cs
/def ?><?cs
def:balance_amount(v) ?><?cs if:string.slice(v, 0, 1) == "-" ?><?cs
  var:string.slice(v, 1, string.length(v)) ?><?cs else ?><?cs var:v ?><?cs /if ?><?cs
/def ?><?cs
def:balance_if_prepaid(v, who) ?><?cs if:string.slice(v, 0, 1) == "-" ?><?cs
  var:Lang.balance.prepaid[who] ?> <?cs /if ?><?cs
/def ?><?cs
def:balance_neg(v) ?><?cs if:string.slice(v, 0, 1) == "-" ?> prepaid<?cs /if ?><?cs
/def ?>

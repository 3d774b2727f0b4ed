# A new sign-in link after a lost phone: who made it, the second check,
# and what the person it is for is told.

invite-awaiting-check = This link does not work yet. It will once a second member of the care team has met you and checked it.
invite-link-waits-check = This link works only after a second member of the team presses "I met them and checked".
lost-phone-not-an-admin = An administrator's link cannot be made here, so that nobody can take over their own or another administrator's sign-in.
lost-phone-work-ended = This person's work has ended, so no link can be made.
lost-phone-team-only = Only members of this person's care team can check this link.
lost-phone-not-checkable = This link cannot be checked: your own link, a used link or an expired link cannot be checked.

mail-link-made-subject = Yorisoi: a new sign-in link was made
mail-link-made-body = A new sign-in link was made for you in Yorisoi.
    Sign in and open "Passkeys and sign-in" to see who made it.

    { $link }

    If you have not lost your phone, contact your care manager or care provider at once.

account-links = New sign-in links
account-link-made = { $name } made a new sign-in link ({ $date }).
account-link-used = A passkey was registered with this link.
account-link-not-used = This link has not been used yet.
account-links-explain = If a link was made though you did not lose your phone, contact your care manager or care provider at once.

access-log-whose-you = your
access-log-whose = { $name }'s
access-log-link-made = { $who } made { $whose } new sign-in link.
access-log-link-checked = { $who } met them and checked { $whose } new sign-in link.
access-log-link-used = { $who } registered a new passkey with a link { $name } made.

inbox-link-check = Check a new sign-in link
inbox-link-check-body = { $by } made a new sign-in link for { $name }. Meet { $name }, check it is them, then press the button. The link then works.
inbox-link-check-button = I met them and checked
inbox-link-checked = Checked. The link works now.
account-link-made-notice = A new sign-in link was made for you. See who made it

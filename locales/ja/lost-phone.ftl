# A new sign-in link after a lost phone: who made it, the second check,
# and what the person it is for is told.

invite-awaiting-check = このリンクは、まだ使えません。ケアのチームのもう一人が、あなたに会って確かめると、使えるようになります。
invite-link-waits-check = このリンクは、チームのもう一人が「会って確かめました」を押すまで使えません。
lost-phone-not-an-admin = 管理者のリンクは、ここでは作れません。自分や、ほかの管理者になりかわることができないようにするためです。
lost-phone-work-ended = この人の仕事は終わっているので、リンクは作れません。
lost-phone-team-only = このリンクを確かめられるのは、この方のケアのチームの人だけです。
lost-phone-not-checkable = このリンクは確かめられません。自分で作ったリンクや、もう使われたリンク、期限が過ぎたリンクは、確かめられません。

mail-link-made-subject = Yorisoi(よりそい): 新しいサインインのリンクが作られました
mail-link-made-body = Yorisoi(よりそい)で、あなたの新しいサインインのリンクが作られました。
    だれが作ったかは、サインインして「パスキーとサインイン」のページで見られます。

    { $link }

    スマホをなくしていないのに、このメールが届いたときは、すぐに、ケアマネジャーか事業所に連絡してください。

account-links = 新しいサインインのリンク
account-link-made = { $name }さんが、新しいサインインのリンクを作りました（{ $date }）。
account-link-used = このリンクで、パスキーが登録されました。
account-link-not-used = このリンクは、まだ使われていません。
account-links-explain = スマホをなくしていないのに、リンクが作られたときは、すぐに、ケアマネジャーか事業所に連絡してください。

access-log-whose-you = あなた
access-log-whose = { $name }さん
access-log-link-made = { $who }が、{ $whose }の新しいサインインのリンクを作りました。
access-log-link-checked = { $who }が、{ $whose }の新しいサインインのリンクを、会って確かめました。
access-log-link-used = { $who }が、{ $name }さんの作ったリンクで、新しいパスキーを登録しました。

inbox-link-check = 新しいサインインのリンクの確認
inbox-link-check-body = { $by }さんが、{ $name }さんの新しいサインインのリンクを作りました。{ $name }さんに会って、本人であることを確かめてから、ボタンを押してください。押すと、リンクが使えるようになります。
inbox-link-check-button = 会って確かめました
inbox-link-checked = 確かめました。リンクが使えるようになりました。
account-link-made-notice = あなたの新しいサインインのリンクが作られました。だれが作ったかを見る

## Passkey ceremonies finished somewhere other than where they started

passkey-started-elsewhere = この登録は、別の画面で始まりました。もう一度はじめからお願いします。
passkey-sign-in-elsewhere = このサインインは、別の画面で始まりました。もう一度はじめからお願いします。

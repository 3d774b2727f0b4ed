## ケアプラン標準仕様 CSV の取りこみ. 読む人はケアマネジャー。

import-csv-deletion-file = 削除用のファイル(第1表_削除など)は取りこめません。このファイルを外して、もう一度取りこんでください。
import-csv-empty-file = ファイルに何も書かれていません。中身のあるファイルを選んでください。
import-csv-unknown-table = どの表のファイルか分かりません。ファイル名に「利用者補足情報」「第1表」「第2表」のどれかを入れてください。
import-csv-unreadable-row = この行を読みとれませんでした。「"」が閉じているか確かめてください。
import-csv-unexpected-column = この列名はちがいます。{ $table }の{ $position }列目は「{ $expected }」です。
import-csv-extra-column = この列は{ $table }にありません。{ $table }は{ $count }列です。
import-csv-missing-column = この列がありません。{ $table }の{ $position }列目に入れてください。
import-csv-too-few-columns = 列が足りません。{ $table }は{ $expected }列ですが、この行は{ $found }列です。
import-csv-too-many-columns = 列が多すぎます。{ $table }は{ $expected }列ですが、この行は{ $found }列です。
import-csv-halfwidth-kana = 半角カタカナがあります。全角で書いてください。
import-csv-empty-cell = 何も書かれていません。書いてください。
import-csv-date-format = 日付の書き方がちがいます(「{ $value }」)。20250228 のように、西暦の年月日を8けたの数字で書いてください。
import-csv-impossible-date = ありえない日付です(「{ $value }」)。年・月・日を確かめてください。
import-csv-period-format = 期間の書き方がちがいます(「{ $value }」)。20250401～20260331 のように、始まりと終わりの日付を「～」でつないで書いてください。
import-csv-insurer-number = 保険者番号は6けたの数字で書いてください。
import-csv-insured-number = 被保険者番号は10けたの数字で書いてください。先頭の0も消さないでください。
import-csv-not-a-number = 番号は 1 のような数字で書いてください(「{ $value }」)。
import-csv-care-level = 要介護状態区分が分かりません(「{ $value }」)。要支援1、要支援2、要介護1～要介護5のどれかで書いてください。
import-csv-insured-flag = 保険対象区分が分かりません(「{ $value }」)。保険給付の対象なら「1」、対象でなければ「0」にしてください。
import-csv-conflict = { $first }行目と同じ番号ですが、内容がちがいます。番号か内容を直してください。
import-csv-duplicate-table1 = 同じ人・同じ作成(変更)日の第1表が{ $first }行目にもあります。1行だけにしてください。
import-csv-duplicate-supplement = 同じ人・同じ作成(変更)日の利用者補足情報が{ $first }行目にもあります。1行だけにしてください。
import-csv-no-table1 = この計画の第1表がありません。保険者番号・被保険者番号・居宅サービス計画作成(変更)日が同じ第1表も一緒に取りこんでください。
import-csv-no-table2 = この計画の第2表がありません。保険者番号・被保険者番号・居宅サービス計画作成(変更)日が同じ第2表も一緒に取りこんでください。

## Importing the ケアプラン標準仕様 CSV. The reader is a care manager.

import-csv-deletion-file = Deletion files (such as 第1表_削除) cannot be imported. Remove this file and import again.
import-csv-empty-file = The file is empty. Choose a file with content.
import-csv-unknown-table = We cannot tell which table this file is. Put 利用者補足情報, 第1表 or 第2表 in the file name.
import-csv-unreadable-row = This line could not be read. Check that every " is closed.
import-csv-unexpected-column = This column name is wrong. Column { $position } of { $table } is “{ $expected }”.
import-csv-extra-column = { $table } has no such column. { $table } has { $count } columns.
import-csv-missing-column = This column is missing. Put it as column { $position } of { $table }.
import-csv-too-few-columns = Columns are missing. { $table } has { $expected } columns, but this line has { $found }.
import-csv-too-many-columns = There are too many columns. { $table } has { $expected } columns, but this line has { $found }.
import-csv-halfwidth-kana = There is half-width katakana. Write it in full-width characters.
import-csv-empty-cell = Nothing is written here. Please fill it in.
import-csv-date-format = The date is written the wrong way (“{ $value }”). Write the Western year, month and day as 8 digits, like 20250228.
import-csv-impossible-date = This date does not exist (“{ $value }”). Check the year, month and day.
import-csv-period-format = The period is written the wrong way (“{ $value }”). Join the first and last day with ～, like 20250401～20260331.
import-csv-insurer-number = Write the 保険者番号 (insurer number) as 6 digits.
import-csv-insured-number = Write the 被保険者番号 (insured person's number) as 10 digits, keeping the leading zeros.
import-csv-not-a-number = Write the number in digits, like 1 (“{ $value }”).
import-csv-care-level = Unknown care level (“{ $value }”). Write one of 要支援1, 要支援2, 要介護1 to 要介護5.
import-csv-insured-flag = Unknown 保険対象区分 (“{ $value }”). Write 1 if insurance covers it, 0 if not.
import-csv-conflict = This has the same number as line { $first }, but different content. Correct the number or the content.
import-csv-duplicate-table1 = Line { $first } also has a 第1表 for the same person and plan date. Keep only one line.
import-csv-duplicate-supplement = Line { $first } also has 利用者補足情報 for the same person and plan date. Keep only one line.
import-csv-no-table1 = The 第1表 of this plan is missing. Import the 第1表 with the same insurer number, insured number and plan date too.
import-csv-no-table2 = The 第2表 of this plan is missing. Import the 第2表 with the same insurer number, insured number and plan date too.

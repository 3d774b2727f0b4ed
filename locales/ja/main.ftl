# Yorisoi の画面の言葉(やさしい日本語)。
# 本人とご家族が読む言葉です。短く、ていねいに書きます。

app-name = よりそい
app-tagline = ケアのきろくを、わかりやすく

## 最初のページ
home-title = だれのきろくを見ますか
home-choose = 見たい人をえらんでください。
home-empty = まだ、きろくを見られる人がいません。
home-age = { $age }さい

## 一日のきろく
day-title = { $name }さんの { $date } のきろく
day-heading = { $date } のきろく
day-prev = 前の日
day-next = 次の日
day-empty = この日のきろくは、まだありません。
summary-today = きょうのまとめ
summary-day = この日のまとめ
summary-meals = { $count }回 食べました
summary-fluid = 水分
summary-fluid-total = ぜんぶで { $ml }ml 飲みました
summary-medication = { $count }回 のみました
summary-oral-care = { $count }回 しました
summary-since = 前に見たとき({ $when })から、新しいきろくが{ $count }つあります。
summary-since-none = 前に見たとき({ $when })から、新しいきろくはありません。
summary-since-link = きろくの一覧で見る
day-vitals = からだの数値
day-records = ケアのきろく
day-original = 元の記録
read-aloud = 読み上げる
day-terms = ことばの説明
day-written-by = 書いた人: { $name }({ $provider })
day-measured-by = はかった人: { $name }
day-team-only = チーム内
day-plan = ケアプランを見る
plan-changes = 前のプランから変わったところ
plan-changes-since = { $date }に作った前のプラン(第{ $version }版)とくらべています。
plan-changes-none = 前のプランから変わったところは、ありません。
plan-changes-started = あたらしく始まること
plan-changes-often = 回数が変わること
plan-changes-ended = おわったこと
plan-changes-was = (前は { $was })
plan-changes-wishes = ご本人とご家族の希望が、書きなおされました。
plan-changes-policy = チームの支援の方針が、書きなおされました。
plan-week = 1週間の予定
plan-week-today = { $day }(きょう)
plan-week-none = サービスの予定はありません。
plan-rhythm = 1日のすごし方
weekday-0 = 月曜日
weekday-1 = 火曜日
weekday-2 = 水曜日
weekday-3 = 木曜日
weekday-4 = 金曜日
weekday-5 = 土曜日
weekday-6 = 日曜日
plan-title = { $name }さんのケアプラン
plan-heading = ケアプラン
plan-empty = ケアプランは、まだありません。
plan-made-on = { $date }に作ったプランです(第{ $version }版)。
plan-wishes = ご本人とご家族の思い
plan-policy = 手助けの方針
plan-trouble = こまっていること
plan-aim = めざすこと
plan-step = まず、めざすこと
plan-by = { $date }までに
plan-who = だれが
plan-what = なにを
plan-how-often = どのくらい
plan-original = 元のプラン
plan-written-by = 作った人: { $name }({ $date })
plan-back = きろくにもどる
day-back = 人をえらびなおす

## からだの数値
vital-temperature = 体温
vital-blood-pressure = 血圧
vital-pulse = 脈拍
vital-spo2 = 血液の中の酸素(SpO2)
vital-respiratory-rate = 1分間の呼吸の回数
vital-weight = 体重
vital-height = 身長
unit-celsius = 度
unit-mmhg = mmHg
unit-per-minute = 回/分
unit-percent = %
unit-kg = kg
unit-cm = cm

## きろくの種類
category-meal = 食事
category-excretion = トイレ
category-bathing = おふろ
category-sleep = ねむり
category-medication = くすり
category-oral-care = 口のケア
category-observation = ようす

meal-staple = ごはん(主食): { $wari }割
meal-side = おかず(副食): { $wari }割
meal-fluid = 飲んだ水分: { $ml }ml
excretion-urine = おしっこ
excretion-stool = うんち
excretion-both = おしっことうんち
excretion-count = { $count }回
bath-bath = おふろに入りました
bath-shower = シャワーをあびました
bath-bed-bath = からだをふきました
bath-partial = 手や足をお湯で洗いました

## 医療のこと
medical-allergy = アレルギー
medical-drug-contraindication = 使えないくすり
medical-food-texture = 食事の形
medical-swallowing = 飲みこみ
medical-pressure-ulcer-care = 床ずれの手当て
medical-doctor-plan = 医師の考え(気をつけること)
medical-history = これまでの病気

## 役わり
role-recipient = 本人
role-family = 家族
role-care-manager = ケアマネジャー
role-care-worker = 介護職員
role-nurse = 看護師
role-doctor = 医師
role-dietitian = 管理栄養士
role-community-center = 地域包括支援センター・市町村の職員
role-provider-admin = 事業所の管理者

## 情報の種類
class-medical = 医療
class-living = 生活
class-acp = 人生会議
class-contact = 連絡

## 事業所の種類
service-home-help = 訪問介護(ヘルパー)
service-day-service = 通所介護(デイサービス)
service-home-nursing = 訪問看護
service-care-management = 居宅介護支援(ケアマネジャー)
service-facility = 施設
service-short-stay = 短期入所(ショートステイ)
service-home-rehab = 訪問リハビリ
service-welfare-equipment = 福祉用具
service-clinic = 診療所・病院
service-community-center = 地域包括支援センター

## 要介護度
care-level-support-1 = 要支援1
care-level-support-2 = 要支援2
care-level-care-1 = 要介護1
care-level-care-2 = 要介護2
care-level-care-3 = 要介護3
care-level-care-4 = 要介護4
care-level-care-5 = 要介護5

## つながり
relation-self = 本人
relation-family = 家族
relation-team = ケアのチーム
end-reason-service-ended = 利用終了
end-reason-died = 死亡
end-reason-other = その他

## 入力の名前
field-recorded-at = 日時
field-note = きろくの文
field-staple-intake = 主食を食べた量
field-side-intake = 副食を食べた量
field-fluid-intake = 水分の量
field-excretion-count = 排泄の回数
field-body-temperature = 体温
field-systolic = 上の血圧
field-diastolic = 下の血圧
field-pulse = 脈拍
field-spo2 = SpO2(血液の中の酸素)
field-respiratory-rate = 呼吸の回数
field-weight = 体重
field-height = 身長
field-vitals = からだの数値
field-name = 名前
field-name-kana = 名前のふりがな
field-birth-date = 生年月日
field-provider-name = 事業所の名前
field-medical-title = 医療の項目の名前
field-medical-detail = 医療の項目の説明
field-dysphagia-code = 食事の形のコード
field-plan-intention = 生活に対する意向
field-plan-policy = 総合的な援助の方針
field-certification-period = 認定の有効期間
field-need = 課題
field-goal = 目標
field-goal-period = 目標の期間
field-service-content = サービスの内容
field-service-kind = サービスの種類
field-frequency = 回数(頻度)
field-weekly-slot = 週間の予定
field-vital-target = 主治医が決めた目安
field-target-doctor = 目安を決めた医師
field-device-name = 端末の名前

## 入力のまちがい
error-required = { $field }を入れてください。
error-too-long = { $field }は{ $max }文字までにしてください。
error-out-of-range = { $field }は{ $min }から{ $max }までの数にしてください。
error-diastolic-not-below-systolic = { $field }は、上の血圧より小さい数にしてください。
error-in-future = { $field }が、まだ来ていない時間になっています。
error-period-reversed = { $field }は、終わりの日を始まりの日より後にしてください。
error-not-a-number = { $field }は数字で入れてください。
error-not-a-date = { $field }の書き方がちがいます。
error-unknown-choice = { $field }は、えらべるものの中からえらんでください。
error-nothing-measured = { $field }を1つ以上入れてください。
error-low-not-below-high = { $field }は、下の数を上の数より小さくしてください。

## 画面のまちがい
error-page-title = ページを表示できませんでした
error-not-found = さがしているページは見つかりませんでした。
error-server = うまく表示できませんでした。少し待ってから、もう一度ためしてください。
error-bad-request = 入れたものを読みとれませんでした。

## Invitations and passkeys
invite-unknown = このリンクは使えません。リンクを送った人に、もう一度たのんでください。
invite-expired = このリンクは期限(72時間)が切れています。ケアマネジャーに新しいリンクをたのんでください。
invite-used = このリンクは、もう使われています。登録したパスキーで入ってください。
invite-revoked = 新しいリンクが送られたので、このリンクは使えません。新しいリンクを使ってください。
passkey-too-slow = 時間がたちすぎました。もう一度ためしてください。
passkey-rejected = パスキーを確かめられませんでした。もう一度ためしてください。
passkey-unknown = このパスキーは、よりそいに登録されていません。

## Joining and signing in
invite-title = よりそいへの招待
invite-heading = { $name }さん、よりそいへようこそ
invite-role = { $role }として招待されています。
invite-explain = このスマホに「パスキー」を登録します。パスワードはいりません。次からは、スマホの顔認証・指紋・暗証番号で入れます。
invite-device-default = スマホ
invite-device-hint = あとで、どの端末か分かるための名前です。
passkey-busy = 画面ロックを待っています…
invite-register = パスキーを登録する
sign-in-title = よりそいに入る
sign-in-heading = よりそいに入る
sign-in-explain = 登録したスマホの顔認証・指紋・暗証番号で入ります。
sign-in-button = パスキーで入る
passkey-needs-js = パスキーを使うには、ブラウザのJavaScriptをオンにしてください。
passkey-browser-unsupported = このブラウザではパスキーを使えません。新しいブラウザでためしてください。
passkey-browser-cancelled = パスキーの確認が終わりませんでした。もう一度ためしてください。
passkey-browser-garbled = うまく受けとれませんでした。もう一度ためしてください。
account-me = { $name }さん
account-sign-out = サインアウト
account-sign-in = サインイン
account-title = パスキーとサインイン
account-passkeys = 登録したパスキー
account-passkey-made = 登録: { $date }
account-passkey-used = 最後に使った日: { $date }
account-passkey-never-used = まだ使っていません
account-passkey-remove = このパスキーを削除する
account-passkey-add = この端末にパスキーを追加する
account-new-device-default = タブレット
account-sessions = サインインしている端末
account-session-seen = 最後に使った日: { $date }
account-session-end = この端末をサインアウトする
need-sign-in = この画面を見るには、サインインしてください。
passkey-last = 最後のパスキーは削除できません。先に、ほかの端末でパスキーを追加してください。
error-too-many = 短い時間に何度もためしたので、少し止めています。1分ほど待ってから、もう一度ためしてください。
no-access = このページを見ることはできません。見ることができるのは、この方のケアに関わる人と、本人が認めた家族だけです。

## Who looked, sharing, the team, administration
back-to-day = きろくにもどる
day-links = この方のページ
day-who-looked = 見た人の記録
day-sharing = 家族に見せること
day-team = かかわる人
access-log-title = { $name }さんの情報を見た人
access-log-heading = 見た人の記録
access-log-intro = この方の記録を、だれが、いつ見たか、書いたかを、新しい順に表示します。
access-log-empty = まだ、だれも見ていません。
access-log-older = もっと前を見る
access-log-you = あなた
access-log-person = { $name }さん（{ $role }）
access-log-person-no-role = { $name }さん
access-log-server = システムの管理者
access-log-read = { $who }が、{ $what }を見ました。
access-log-wrote = { $who }が、{ $what }を書きました。
access-log-changed = { $who }が、{ $what }を変えました。
access-log-what-day = { $date }のきろく
access-log-what-plan = ケアプラン
access-log-what-log = この「見た人の記録」
access-log-what-sharing = 家族に見せることの設定
access-log-what-team = かかわる人の登録
access-log-what-other = 情報
access-log-classes = 情報の種類：{ $classes }
access-log-not-yours = 「見た人の記録」を見ることができるのは、本人と、本人が医療のことを見せている家族だけです。
sharing-title = { $name }さんの情報を家族に見せること
sharing-heading = 家族に見せること
sharing-intro = 家族は、毎日のくらしと連絡を、いつでも見ることができます。医療のことと人生会議のことは、あなたが「見せる」と決めた家族だけが見ることができます。いつでも変えられます。
sharing-no-family = 登録している家族は、まだいません。
sharing-family-name = { $name }さん
sharing-family-name-relation = { $name }さん（{ $relation }）
sharing-representative = 代わりに決める人（法定代理人）
sharing-always = 毎日のくらしと連絡は、いつも見ることができます。
sharing-state-on = 見せています
sharing-state-off = 見せていません
sharing-turn-on = { $class }を見せる
sharing-turn-off = { $class }を見せないようにする
sharing-history = これまでに変えたこと
sharing-history-empty = まだ、変えたことはありません。
sharing-event-granted = { $by }さんが、{ $family }さんに{ $class }を見せるようにしました。
sharing-event-revoked = { $by }さんが、{ $family }さんに{ $class }を見せないようにしました。
sharing-not-yours = 家族に見せることを決められるのは、本人と、代わりに決める人（法定代理人）だけです。
sharing-not-family = この方の家族として登録されていない人です。
team-title = { $name }さんにかかわる人
team-heading = かかわる人
team-people = 本人と家族
team-staff = ケアのチーム
team-joined = 登録ずみ
team-not-joined = まだ登録していません
team-ended = { $date }に終わりました（{ $reason }）
team-ends = { $date }に終わります（{ $reason }）
team-change = { $name }さんについて変える
team-representative-set = 代わりに決める人（法定代理人）にする
team-representative-clear = 代わりに決める人（法定代理人）をやめる
team-reinvite = 新しい招待のリンクをつくる
team-reinvite-explain = スマホをなくしたときに使います。先に、会って本人であることを確かめてください。今のパスキーとサインインは、すぐに使えなくなります。
team-end-reason = 終わる理由
team-end-button = この日で終える
team-invite = 招待する
team-invite-explain = 本人や家族に、よりそいを使ってもらうためのリンクをつくります。リンクは1回だけ、72時間使えます。
team-invite-kind = 本人との関係
team-invite-relation-hint = 家族のとき、長女・夫のように書きます。
team-invite-button = 招待のリンクをつくる
team-needs-js = この操作には、ブラウザのJavaScriptをオンにしてください。
team-add-label = チームに加える人
team-add-button = チームに加える
team-care-manager-only = このページは、この方の担当のケアマネジャーだけが使えます。
team-not-yourself = 自分の担当を、自分で終えることはできません。事業所の管理者に相談してください。
team-not-a-member = この方にかかわっている人ではありません。
team-not-family = 本人か家族として登録されている人だけにできる操作です。
team-not-staff = チームに加えることができるのは、事業所の職員だけです。
team-ended-before = この人は、前にこの方の担当を終えています。もう一度加えることはできません。
team-self-exists = 本人は、もう登録されています。スマホをなくしたときは「新しい招待のリンクをつくる」を使ってください。
invite-link-heading = { $name }さんへの招待のリンク
invite-link-explain = 招待する人のスマホで、このQRコードを読みとるか、リンクを送ってください。このリンクは、この画面でしか表示しません。
invite-link-qr = { $name }さんへの招待のリンクのQRコード
invite-link-url = 招待のリンク
invite-link-until = { $until }まで使えます。
new-recipient-title = 新しい利用者を登録する
new-recipient-button = 登録する
home-new-recipient = 新しい利用者を登録する
home-admin = 事業所の管理
admin-title = 事業所の管理
admin-no-provider = まだ、事業所がありません。下から登録してください。
admin-create-provider = 事業所を登録する
admin-create-button = 事業所を登録する
admin-staff = 職員
admin-invite = 職員を招待する
admin-reinvite = { $name }さんに新しい招待のリンクをつくる
admin-policy = 情報を見られる範囲
admin-policy-default = 決まりでは、介護職員・管理栄養士・地域包括支援センターの職員は、医療のことのうち、毎日のケアに必要なもの（アレルギー、薬の禁忌、食事の形と飲み込み、床ずれの手当て）だけを見ることができます。人生会議は見ることができません。
admin-policy-none = この事業所は、決まりのとおりです。
admin-policy-widened = { $role }は、{ $class }をすべて見ることができます。
admin-policy-narrow = 決まりのとおりにもどす
admin-policy-class = 情報の種類
admin-policy-widen = 見られる範囲を広げる
admin-audit = 操作の記録
admin-audit-explain = あなたの事業所が担当する利用者の情報を、だれが、いつ、見たり書いたりしたかの記録です。CSVファイルで保存できます。記録は、だれも変えたり消したりできません。
admin-audit-download = 操作の記録をダウンロードする（CSV）
admin-only = このページは、事業所の管理者だけが使えます。
admin-not-your-provider = あなたが管理している事業所ではありません。
admin-not-your-staff = この事業所の職員ではありません。
field-end-date = 終わる日
field-family-relation = 続柄
field-care-level = 要介護度
field-service-type = サービスの種類
field-role = 役割
error-before-start = { $field }は、始まった日より後の日にしてください。

## きろく (the timeline)
loading = 読みこんでいます…
day-records-link = きろくの一覧
records-title = { $name }さんのきろく
records-heading = きろく
records-filter = きろくの種類
records-kind-all = すべて
records-kind-meal = 食事
records-kind-excretion = 排泄
records-kind-bathing = 入浴
records-kind-sleep = 睡眠
records-kind-vitals = からだの数値
records-kind-observation = 様子
records-empty = この種類のきろくは、まだありません。
records-more = もっと見る

## 医療のこと
day-medical = 医療のこと
medical-title = { $name }さんの医療のこと
medical-heading = 医療のこと
medical-empty = 見ることができる医療のことは、まだありません。
medical-written-by = { $name }さん・{ $date }
medical-dysphagia-code = 食事の形のコード: { $code }（日本摂食嚥下リハビリテーション学会の分け方）

## 見やすさ
reading-link = 見やすさ
reading-title = 見やすさ
reading-size = 文字の大きさ
reading-size-standard = 標準
reading-size-large = 大
reading-size-xlarge = 特大
reading-furigana = 漢字の読みがな（ふりがな）を出す
reading-contrast = 白と黒をはっきりさせる
reading-save = 保存する
reading-saved = 保存しました。ほかの端末でも、この見やすさになります。

## からだの数値
day-body = からだの数値
field-systolic-diastolic = 血圧
body-title = { $name }さんのからだの数値
body-heading = からだの数値
body-span = 見る長さ
body-span-week = 1週間
body-span-month = 1か月
body-span-3months = 3か月
body-summary = { $count }回はかりました。いちばん新しい数値は { $last } です。
body-none = この間は、はかっていません。
body-legend-both = 青い帯は一般的な目安、緑の帯はこの方のいつもの範囲です。
body-legend-reference = 青い帯は一般的な目安です。
body-legend-usual = 緑の帯は、この方のいつもの範囲です。
body-table = 数字の表で見る
body-table-when = はかった日時
body-table-value = 数値

## 印刷 (病院に持っていく紙)
access-log-what-timeline = きろくの一覧
access-log-what-body = からだの数値
access-log-what-medical = 医療のこと
access-log-what-print = { $from }から{ $to }までのきろく(印刷用)
field-print-from = 始まりの日
field-print-to = 終わりの日
field-print-period = 印刷する期間
error-period-too-long = { $field }は、{ $max }日までにしてください。
print-link = 印刷する(病院に持っていく)
print-title = { $name }さんのきろく(印刷用)
print-heading = 病院に持っていく紙を作る
print-intro = からだの数値と、きろくを、紙にして病院に持っていけます。期間をえらんでください({ $max }日まで)。
print-from = 始まりの日
print-to = 終わりの日
print-make = この期間で作る
print-button = 印刷する
print-how = ボタンが使えないときは、ブラウザのメニューの「印刷」をえらんでください。
print-sheet-heading = { $name }さん({ $age }さい・{ $level })のきろく
print-sheet-period = 期間:{ $from }から{ $to }まで({ $days }日間)
print-sheet-made = { $date }に、Yorisoi(よりそい)で作りました。
print-body = からだの数値
print-records = きろく
print-empty = この期間のきろくは、ありません。
print-col-time = 時間
print-col-what = 種類
print-col-content = 内容
print-back = きろくにもどる

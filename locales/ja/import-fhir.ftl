# FHIR (JP Core R4) の取りこみ: 直すところを、ていねいに言う。
# 場所(何番目のエントリか、どの要素か)は import-at-… が前につける。

import-fhir-plan-title = 居宅サービス計画書
import-fhir-too-big = ファイルが大きすぎます。{ $max }MBまでにしてください。
import-fhir-not-utf8 = 文字コードがUTF-8ではありません({ $byte }バイト目)。FHIRのJSONはUTF-8で保存して送ってください。
import-fhir-not-json = JSONとして読めません({ $line }行目の{ $column }文字目あたり)。ファイルが壊れていないか、FHIRのJSONファイルかを確かめてください。
import-fhir-not-object = FHIRのリソースかBundleではありません。いちばん外側を、resourceType のあるJSONオブジェクトにしてください。
import-fhir-no-resource-type = resourceType がありません。FHIRのリソースかBundleを送ってください。
import-fhir-bad-shape = 書き方がFHIR R4の形になっていません(文字・数・リストなどの種類が違います)。
import-fhir-no-resource = このエントリにはリソース(resource)がありません。
import-fhir-two-people = ほかの人の情報がまじっています。1つのファイルには、1人の情報だけを入れてください。
import-fhir-no-patient = このファイルには、だれの情報かを表す Patient がありません。ほかの方の情報を取りこまないように、この利用者の被保険者番号か、事業所で登録した識別子(identifier)のついた Patient を入れて送ってください。
import-fhir-patient-no-identifier = Patient に識別子(identifier)がないので、この利用者のファイルかどうか確かめられません。この利用者の被保険者番号か、事業所で登録した識別子を入れて送ってください。
import-fhir-patient-not-this-recipient = Patient の識別子「{ $identifiers }」は、この利用者の被保険者番号とも、事業所で登録した識別子とも合いません。取りこむ利用者と、ファイルをたしかめてください。
import-fhir-patient-another-person = このファイルは、ほかの方のものです。Patient の識別子が、この利用者ではない方のものと合います。取りこむ利用者と、ファイルをたしかめてください。
import-fhir-unsupported-type = { $type } は取りこめません。取りこめるのは、バイタルサインの Observation、AllergyIntolerance、CarePlan(とその Goal・Condition)です。
import-fhir-unused-part = この { $type } は、どの CarePlan からも使われていません。Condition と Goal は、CarePlan の一部としてだけ取りこめます。
import-fhir-no-status = 状態(status)がありません。確定した値なら final にしてください。
import-fhir-bad-status = 状態(status)が「{ $status }」です。取りこめるのは確定した値(final、amended、corrected)だけです。
import-fhir-no-loinc = LOINCコードがありません。バイタルサインは LOINC(http://loinc.org)のコードをつけて送ってください。
import-fhir-unknown-loinc = LOINCコード { $code } は取りこめません。取りこめるのは、体温・血圧・脈拍・SpO2・呼吸数・体重・身長です。
import-fhir-ambiguous-loinc = LOINCコード { $codes } が別々のバイタルサインを指していて、どれか決められません。1つにしてください。
import-fhir-no-value = 値(valueQuantity)がありません。
import-fhir-not-a-number = 値(value)が数ではありません。
import-fhir-comparator = 「{ $comparator }」のついた値は取りこめません。測った値そのものを送ってください。
import-fhir-wrong-system = 単位の種類(system)が違います。単位は UCUM(http://unitsofmeasure.org)で送ってください。
import-fhir-wrong-unit = 単位が違います。{ $sign ->
        [temperature] 体温は Cel(℃)
        [systolic] 上の血圧は mm[Hg](mmHg)
        [diastolic] 下の血圧は mm[Hg](mmHg)
        [pulse] 脈拍は /min(回/分)
        [spo2] SpO2は %
        [respiratory-rate] 呼吸数は /min(回/分)
        [weight] 体重は kg
        [height] 身長は cm
       *[other] { $unit }
    }で送ってください。
import-fhir-too-precise = { $sign ->
        [temperature] 体温
        [weight] 体重
        [height] 身長
       *[other] 値
    }は小数第1位までで送ってください({ $value } は細かすぎます)。
import-fhir-not-whole = { $sign ->
        [systolic] 上の血圧
        [diastolic] 下の血圧
        [pulse] 脈拍
        [spo2] SpO2
        [respiratory-rate] 呼吸数
       *[other] 値
    }は整数で送ってください({ $value } には小数があります)。
import-fhir-same-sign-twice = 同じ時刻の{ $sign ->
        [temperature] 体温
        [systolic] 上の血圧
        [diastolic] 下の血圧
        [pulse] 脈拍
        [spo2] SpO2
        [respiratory-rate] 呼吸数
        [weight] 体重
       *[height] 身長
    }が2つあります。1回の測定では1つだけにしてください。
import-fhir-half-bp = 血圧は上と下の両方が必要です。{ $sign ->
        [systolic] 上の血圧(LOINC 8480-6)
       *[diastolic] 下の血圧(LOINC 8462-4)
    }がありません。
import-fhir-no-effective = 測った日時(effectiveDateTime)がありません。
import-fhir-date-only = 日付「{ $value }」だけでは取りこめません。バイタルサインは、測った時刻まで(例: 2026-11-03T09:30:00+09:00)送ってください。
import-fhir-bad-datetime = 日時「{ $value }」が読めません。2026-11-03T09:30:00+09:00 のように、時差(+09:00)までつけて送ってください。
import-fhir-bad-date = 日付「{ $value }」が読めません。2026-11-03 か 2026-11-03T09:30:00+09:00 の形で送ってください。
import-fhir-duplicate = { $first }番目のエントリと同じもの(identifier か id が同じ)です。1つだけにしてください。
import-fhir-no-recorded-date = 記録した日(recordedDate)も、起きた日時(onsetDateTime)もありません。どちらかを入れてください。
import-fhir-unresolved-reference = 参照先「{ $reference }」が、このファイルの中に見つかりません。
import-fhir-wrong-reference-type = 参照先「{ $reference }」は { $found } です。{ $expected } を指してください。
import-fhir-goal-unplaced = この目標(Goal)が、どの課題の長期目標か短期目標か分かりません。長期目標は addresses で課題(Condition)を、短期目標は goal-relationship で長期目標を指してください。
import-fhir-goal-two-parents = この短期目標が、2つの長期目標につながっています。1つにしてください。
import-fhir-no-start-date = 目標の始まりの日(startDate)がありません。
import-fhir-no-due-date = 目標の期限(target.dueDate)がありません。目標の期間の終わりの日を入れてください。
import-fhir-activity-no-detail = 援助内容(activity.detail)がありません。
import-fhir-activity-no-goal = この援助内容が、どの短期目標のためのものか(detail.goal)がありません。
import-fhir-activity-goal-not-short = この援助内容の目標(detail.goal)が、このケアプランの短期目標ではありません。
import-fhir-period-incomplete = 期間の始まり(start)と終わり(end)の両方を、日付で入れてください。
import-fhir-period-reversed = 期間の終わりが、始まりより前になっています。

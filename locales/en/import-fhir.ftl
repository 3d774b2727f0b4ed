# FHIR (JP Core R4) import: say politely what to fix.
# Where (which entry, which element) is added in front by import-at-….

import-fhir-plan-title = Home care service plan
import-fhir-too-big = The file is too big. Please keep it within { $max } MB.
import-fhir-not-utf8 = The file is not UTF-8 (at byte { $byte }). Please save the FHIR JSON as UTF-8.
import-fhir-not-json = This cannot be read as JSON (near line { $line }, character { $column }). Please check the file is FHIR JSON and not damaged.
import-fhir-not-object = This is not a FHIR resource or Bundle. The outermost part must be a JSON object with a resourceType.
import-fhir-no-resource-type = There is no resourceType. Please send a FHIR resource or Bundle.
import-fhir-bad-shape = This is not written in the shape FHIR R4 expects (text, number, list and so on).
import-fhir-no-resource = This entry has no resource.
import-fhir-two-people = This is about another person. Please put only one person's information in one file.
import-fhir-no-patient = This file has no Patient, so it does not say whose information it is. So that no one else's information is imported, please include a Patient with this care recipient's insured number (被保険者番号) or an identifier your office registered.
import-fhir-patient-no-identifier = The Patient has no identifier, so we cannot check that this file is about this care recipient. Please include the insured number (被保険者番号) or an identifier your office registered.
import-fhir-patient-not-this-recipient = The Patient's identifiers “{ $identifiers }” match neither this care recipient's insured number (被保険者番号) nor an identifier your office registered. Please check the care recipient and the file.
import-fhir-patient-another-person = This file is about another person: the Patient's identifier belongs to someone other than this care recipient. Please check the care recipient and the file.
import-fhir-unsupported-type = { $type } cannot be imported. Yorisoi imports vital-sign Observations, AllergyIntolerance and CarePlan (with its Goals and Conditions).
import-fhir-unused-part = No CarePlan uses this { $type }. Conditions and Goals are imported only as parts of a CarePlan.
import-fhir-no-status = There is no status. Use final for a confirmed value.
import-fhir-bad-status = The status is "{ $status }". Only confirmed values (final, amended, corrected) can be imported.
import-fhir-no-loinc = There is no LOINC code. Please code vital signs with LOINC (http://loinc.org).
import-fhir-unknown-loinc = LOINC code { $code } cannot be imported. Yorisoi imports temperature, blood pressure, pulse, SpO2, breaths per minute, weight and height.
import-fhir-ambiguous-loinc = The LOINC codes { $codes } name different vital signs, so it is unclear which one this is. Please keep one.
import-fhir-no-value = There is no value (valueQuantity).
import-fhir-not-a-number = The value is not a number.
import-fhir-comparator = A value with "{ $comparator }" cannot be imported. Please send the measured value itself.
import-fhir-wrong-system = Wrong unit system. Please send units in UCUM (http://unitsofmeasure.org).
import-fhir-wrong-unit = Wrong unit. Please send { $sign ->
        [temperature] temperature in Cel (°C)
        [systolic] upper blood pressure in mm[Hg] (mmHg)
        [diastolic] lower blood pressure in mm[Hg] (mmHg)
        [pulse] pulse in /min (per minute)
        [spo2] SpO2 in %
        [respiratory-rate] breaths in /min (per minute)
        [weight] weight in kg
        [height] height in cm
       *[other] it in { $unit }
    }.
import-fhir-too-precise = Please send { $sign ->
        [temperature] temperature
        [weight] weight
        [height] height
       *[other] the value
    } with at most one decimal place ({ $value } is too fine).
import-fhir-not-whole = Please send { $sign ->
        [systolic] upper blood pressure
        [diastolic] lower blood pressure
        [pulse] pulse
        [spo2] SpO2
        [respiratory-rate] breaths per minute
       *[other] the value
    } as a whole number ({ $value } has decimals).
import-fhir-same-sign-twice = There are two { $sign ->
        [temperature] temperatures
        [systolic] upper blood pressures
        [diastolic] lower blood pressures
        [pulse] pulses
        [spo2] SpO2 values
        [respiratory-rate] breath counts
        [weight] weights
       *[height] heights
    } at the same time. Please keep one per measurement.
import-fhir-half-bp = Blood pressure needs both the upper and the lower value. { $sign ->
        [systolic] The upper value (LOINC 8480-6)
       *[diastolic] The lower value (LOINC 8462-4)
    } is missing.
import-fhir-no-effective = There is no time of measurement (effectiveDateTime).
import-fhir-date-only = A date alone ("{ $value }") cannot be imported. Please send vital signs with the time they were measured (e.g. 2026-11-03T09:30:00+09:00).
import-fhir-bad-datetime = The time "{ $value }" cannot be read. Please write it like 2026-11-03T09:30:00+09:00, with the offset (+09:00).
import-fhir-bad-date = The date "{ $value }" cannot be read. Please write it as 2026-11-03 or 2026-11-03T09:30:00+09:00.
import-fhir-duplicate = This is the same as entry { $first } (same identifier or id). Please keep one.
import-fhir-no-recorded-date = There is neither a recorded date (recordedDate) nor an onset (onsetDateTime). Please add one.
import-fhir-unresolved-reference = The reference "{ $reference }" is not found in this file.
import-fhir-wrong-reference-type = The reference "{ $reference }" points to a { $found }. It should point to a { $expected }.
import-fhir-goal-unplaced = It is unclear whether this Goal is a long-term or a short-term goal, and of which need. A long-term goal addresses its need (Condition); a short-term goal points to its long-term goal with goal-relationship.
import-fhir-goal-two-parents = This short-term goal is linked to two long-term goals. Please keep one.
import-fhir-no-start-date = The goal has no start date (startDate).
import-fhir-no-due-date = The goal has no due date (target.dueDate). Please add the last day of the goal's period.
import-fhir-activity-no-detail = The service line has no activity.detail.
import-fhir-activity-no-goal = The service line does not say which short-term goal it serves (detail.goal).
import-fhir-activity-goal-not-short = The service line's goal (detail.goal) is not a short-term goal of this care plan.
import-fhir-period-incomplete = Please give both the start and the end of the period, as dates.
import-fhir-period-reversed = The period ends before it starts.

# Yorisoi UI text (English). Every Japanese key has an English twin.

app-name = Yorisoi
app-tagline = Care records, easy to read

## Front page
home-title = Whose records would you like to see?
home-choose = Choose a person.
home-empty = There is nobody whose records you can see yet.
home-age = { $age } years old

## One day of records
day-title = Records of { $name } on { $date }
day-heading = Records on { $date }
day-prev = Previous day
day-next = Next day
day-empty = No records for this day yet.
summary-today = Today at a glance
summary-day = This day at a glance
summary-meals = Ate { $count } meals
summary-fluid = Drinks
summary-fluid-total = { $ml } ml in all
summary-medication = Took medicine { $count } times
summary-oral-care = { $count } times
summary-since = Since you last looked ({ $when }): { $count } new records.
summary-since-none = Nothing new since you last looked ({ $when }).
summary-since-link = See them in the record list
day-vitals = Body numbers
day-records = Care records
day-original = Original record
read-aloud = Read aloud
day-terms = What the words mean
day-written-by = Written by { $name } ({ $provider })
day-measured-by = Measured by { $name }
day-team-only = Team only
day-plan = See the care plan
plan-changes = What changed from the previous plan
plan-changes-since = Compared with the previous plan (version { $version }) made on { $date }.
plan-changes-none = Nothing changed from the previous plan.
plan-changes-started = Starting
plan-changes-often = More or less often
plan-changes-ended = Ended
plan-changes-was = (was { $was })
plan-changes-wishes = The wishes of the person and family were rewritten.
plan-changes-policy = The team's policy was rewritten.
plan-week = The week
plan-week-today = { $day } (today)
plan-week-none = No services planned.
plan-rhythm = A usual day
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday
plan-title = Care plan of { $name }
plan-heading = Care plan
plan-empty = There is no care plan yet.
plan-made-on = This plan was made on { $date } (version { $version }).
plan-wishes = What the person and family wish
plan-policy = How the team will help
plan-trouble = What is hard
plan-aim = What we aim for
plan-step = First step
plan-by = by { $date }
plan-who = Who
plan-what = What
plan-how-often = How often
plan-original = The plan as written
plan-written-by = Written by { $name } ({ $date })
plan-back = Back to the records
day-back = Choose another person

## Body numbers
vital-temperature = Temperature
vital-blood-pressure = Blood pressure
vital-pulse = Pulse
vital-spo2 = Oxygen in the blood (SpO2)
vital-respiratory-rate = Breaths per minute
vital-weight = Weight
vital-height = Height
unit-celsius = °C
unit-mmhg = mmHg
unit-per-minute = /min
unit-percent = %
unit-kg = kg
unit-cm = cm

## Record categories
category-meal = Meals
category-excretion = Toilet
category-bathing = Bath
category-sleep = Sleep
category-medication = Medicine
category-oral-care = Mouth care
category-observation = How they were

meal-staple = Staple food: { $wari }/10
meal-side = Side dishes: { $wari }/10
meal-fluid = Drinks: { $ml } ml
excretion-urine = Urine
excretion-stool = Stool
excretion-both = Urine and stool
excretion-count = { $count } time(s)
bath-bath = Had a bath
bath-shower = Had a shower
bath-bed-bath = Body was wiped clean
bath-partial = Hands or feet were washed in warm water

## Medical
medical-allergy = Allergies
medical-drug-contraindication = Medicines that must not be used
medical-food-texture = Food texture
medical-swallowing = Swallowing
medical-pressure-ulcer-care = Pressure sore care
medical-doctor-plan = Doctor's plan (what to watch for)
medical-history = Past illnesses

## Roles
role-recipient = The person
role-family = Family
role-care-manager = Care manager
role-care-worker = Care worker
role-nurse = Nurse
role-doctor = Doctor
role-dietitian = Registered dietitian
role-community-center = Community support center / municipal staff
role-provider-admin = Provider administrator

## Information classes
class-medical = Medical
class-living = Daily life
class-acp = Advance care planning
class-contact = Messages

## Service types
service-home-help = Home help
service-day-service = Day service
service-home-nursing = Home nursing
service-care-management = Care management
service-facility = Care facility
service-short-stay = Short stay
service-home-rehab = Home rehabilitation
service-welfare-equipment = Welfare equipment
service-clinic = Clinic or hospital
service-community-center = Community support center

## Care levels
care-level-support-1 = Support level 1
care-level-support-2 = Support level 2
care-level-care-1 = Care level 1
care-level-care-2 = Care level 2
care-level-care-3 = Care level 3
care-level-care-4 = Care level 4
care-level-care-5 = Care level 5

## Relationships
relation-self = The person
relation-family = Family
relation-team = Care team
end-reason-service-ended = Service ended
end-reason-died = Died
end-reason-other = Other

## Field names
field-recorded-at = Date and time
field-note = Record text
field-staple-intake = Staple food eaten
field-side-intake = Side dishes eaten
field-fluid-intake = Fluid intake
field-excretion-count = Number of times
field-body-temperature = Temperature
field-systolic = Upper blood pressure
field-diastolic = Lower blood pressure
field-pulse = Pulse
field-spo2 = SpO2 (oxygen in the blood)
field-respiratory-rate = Breaths per minute
field-weight = Weight
field-height = Height
field-vitals = Body numbers
field-name = Name
field-name-kana = Name reading (kana)
field-birth-date = Date of birth
field-provider-name = Provider name
field-medical-title = Medical item name
field-medical-detail = Medical item details
field-dysphagia-code = Food texture code
field-plan-intention = Wishes for daily life
field-plan-policy = Overall support policy
field-certification-period = Certification period
field-need = Need
field-goal = Goal
field-goal-period = Goal period
field-service-content = Service content
field-service-kind = Service type
field-frequency = Frequency
field-weekly-slot = Weekly schedule
field-vital-target = Range set by the doctor
field-target-doctor = Doctor who set the range
field-device-name = Device name

## Input errors
error-required = Please enter { $field }.
error-too-long = { $field } can be at most { $max } characters.
error-out-of-range = { $field } must be a number from { $min } to { $max }.
error-diastolic-not-below-systolic = { $field } must be lower than the upper blood pressure.
error-in-future = { $field } is in the future.
error-period-reversed = { $field }: the end must be after the start.
error-not-a-number = { $field } must be a number.
error-not-a-date = { $field } is not written in a format we can read.
error-unknown-choice = { $field }: please choose one of the options.
error-nothing-measured = Please enter at least one of the { $field }.
error-low-not-below-high = { $field }: the lower end must be below the upper end.

## Page errors
error-page-title = The page could not be shown
error-not-found = The page you are looking for was not found.
error-server = Something went wrong. Please wait a moment and try again.
error-bad-request = We could not read what was sent.

## Invitations and passkeys
invite-unknown = This link does not work. Please ask the person who sent it for a new one.
invite-expired = This link has expired (72 hours). Please ask the care manager for a new one.
invite-used = This link has already been used. Please sign in with your passkey.
invite-revoked = A newer link was sent, so this one no longer works. Please use the new link.
passkey-too-slow = That took too long. Please try again.
passkey-rejected = The passkey could not be checked. Please try again.
passkey-unknown = This passkey is not registered with Yorisoi.

## Joining and signing in
invite-title = Invitation to Yorisoi
invite-heading = Welcome to Yorisoi, { $name }
invite-role = You are invited as { $role }.
invite-explain = This registers a passkey on this phone. No password: next time you sign in with your phone's face, fingerprint or PIN.
invite-device-default = Phone
invite-device-hint = A name so you can tell your devices apart later.
passkey-busy = Waiting for the screen lock…
invite-register = Register a passkey
sign-in-title = Sign in to Yorisoi
sign-in-heading = Sign in to Yorisoi
sign-in-explain = Use the face, fingerprint or PIN of the phone you registered.
sign-in-button = Sign in with a passkey
passkey-needs-js = Passkeys need JavaScript to be turned on in your browser.
passkey-browser-unsupported = This browser cannot use passkeys. Please try a newer browser.
passkey-browser-cancelled = The passkey check did not finish. Please try again.
passkey-browser-garbled = Something could not be read. Please try again.
account-me = { $name }
account-sign-out = Sign out
account-sign-in = Sign in
account-title = Passkeys and sign-ins
account-passkeys = Your passkeys
account-passkey-made = Registered: { $date }
account-passkey-used = Last used: { $date }
account-passkey-never-used = Not used yet
account-passkey-remove = Remove this passkey
account-passkey-add = Add a passkey on this device
account-new-device-default = Tablet
account-sessions = Where you are signed in
account-session-seen = Last used: { $date }
account-session-end = Sign this device out
need-sign-in = Please sign in to see this page.
passkey-last = The last passkey cannot be removed. Add a passkey on another device first.
error-too-many = Too many tries in a short time. Please wait a minute and try again.
no-access = You cannot see this page. Only the people in this person's care, and the family they have allowed, can.

## Who looked, sharing, the team, administration
back-to-day = Back to the records
day-links = This person's pages
day-who-looked = Who looked
day-sharing = What family can see
day-team = People involved
access-log-title = Who looked at { $name }'s information
access-log-heading = Who looked
access-log-intro = Who read or wrote this person's records, and when, newest first.
access-log-empty = Nobody has looked yet.
access-log-older = Show older
access-log-you = You
access-log-person = { $name } ({ $role })
access-log-person-no-role = { $name }
access-log-server = The system administrator
access-log-read = { $who } read { $what }.
access-log-wrote = { $who } wrote { $what }.
access-log-changed = { $who } changed { $what }.
access-log-what-day = the records of { $date }
access-log-what-plan = the care plan
access-log-what-log = this "who looked" page
access-log-what-sharing = what family can see
access-log-what-team = the people involved
access-log-what-other = information
access-log-classes = Kind of information: { $classes }
access-log-not-yours = Only the person, and family they let see medical information, can see who looked.
sharing-title = What family can see of { $name }'s information
sharing-heading = What family can see
sharing-intro = Family can always see daily life and messages. Medical information and advance care planning are seen only by the family you choose. You can change this at any time.
sharing-no-family = No family member is registered yet.
sharing-family-name = { $name }
sharing-family-name-relation = { $name } ({ $relation })
sharing-representative = Decides on the person's behalf (legal representative)
sharing-always = Daily life and messages are always visible.
sharing-state-on = Shown
sharing-state-off = Not shown
sharing-turn-on = Show { $class }
sharing-turn-off = Stop showing { $class }
sharing-history = Changes so far
sharing-history-empty = Nothing has been changed yet.
sharing-event-granted = { $by } let { $family } see { $class }.
sharing-event-revoked = { $by } stopped showing { $class } to { $family }.
sharing-not-yours = Only the person, or their legal representative, can decide what family sees.
sharing-not-family = This person is not registered as family.
team-title = People involved with { $name }
team-heading = People involved
team-people = The person and family
team-staff = The care team
team-joined = Registered
team-not-joined = Not registered yet
team-ended = Ended on { $date } ({ $reason })
team-ends = Ends on { $date } ({ $reason })
team-change = Change something about { $name }
team-representative-set = Record as legal representative
team-representative-clear = No longer legal representative
team-reinvite = Make a new invitation link
team-reinvite-explain = For a lost phone. Check who they are in person first. Their passkeys and sessions stop working at once.
team-end-reason = Reason
team-end-button = End on this day
team-invite = Invite
team-invite-explain = Makes a link for the person or a family member to start using Yorisoi. It works once, for 72 hours.
team-invite-kind = Relation to the person
team-invite-relation-hint = For family: eldest daughter, husband, …
team-invite-button = Make an invitation link
team-needs-js = Please turn on JavaScript for this.
team-add-label = Add to the team
team-add-button = Add to the team
team-care-manager-only = Only this person's care manager can use this page.
team-not-yourself = You cannot end your own relationship. Ask your administrator.
team-not-a-member = This person is not involved with the care recipient.
team-not-family = This works only for the person or a family member.
team-not-staff = Only staff of a care provider can join a team.
team-ended-before = This person's work with the care recipient has ended; they cannot be added again.
team-self-exists = The person is already registered. For a lost phone, make a new invitation link.
invite-link-heading = Invitation link for { $name }
invite-link-explain = Scan this QR code with the invitee's phone, or send them the link. It is shown only on this screen.
invite-link-qr = QR code of the invitation link for { $name }
invite-link-url = Invitation link
invite-link-until = Works until { $until }.
new-recipient-title = Register a new care recipient
new-recipient-button = Register
home-new-recipient = Register a new care recipient
home-admin = Manage care providers
admin-title = Manage care providers
admin-no-provider = No care provider yet. Register one below.
admin-create-provider = Register a care provider
admin-create-button = Register the care provider
admin-staff = Staff
admin-invite = Invite staff
admin-reinvite = Make a new invitation link for { $name }
admin-policy = Who sees what
admin-policy-default = By default, care workers, dietitians and community-centre staff see only the medical items daily care needs (allergies, drug contraindications, food texture and swallowing, pressure-ulcer care), and no advance care planning.
admin-policy-none = This provider follows the default.
admin-policy-widened = { $role } can see all { $class }.
admin-policy-narrow = Back to the default
admin-policy-class = Kind of information
admin-policy-widen = Widen
admin-audit = Audit log
admin-audit-explain = Who read or wrote the information of the people your providers serve, and when. Download it as CSV. Nobody can change or delete it.
admin-audit-download = Download the audit log (CSV)
admin-only = Only care provider administrators can use this page.
admin-not-your-provider = You do not administer this care provider.
admin-not-your-staff = This person is not staff of this care provider.
field-end-date = End date
field-family-relation = Relation
field-care-level = Care level
field-service-type = Service type
field-role = Role
error-before-start = { $field } must be on or after the start date.

## きろく (the timeline)
loading = Loading…
day-records-link = All records
records-title = { $name }'s records
records-heading = Records
records-filter = Kind of record
records-kind-all = All
records-kind-meal = Meals
records-kind-excretion = Toilet
records-kind-bathing = Bathing
records-kind-sleep = Sleep
records-kind-vitals = Body numbers
records-kind-observation = How they were
records-empty = No records of this kind yet.
records-more = Show more

## 医療のこと
day-medical = Medical
medical-title = Medical information for { $name }
medical-heading = Medical information
medical-empty = No medical information you may see yet.
medical-written-by = { $name }, { $date }
medical-dysphagia-code = Food texture code: { $code } (JSDR classification)

## 見やすさ
reading-link = Display
reading-title = Display
reading-size = Text size
reading-size-standard = Standard
reading-size-large = Large
reading-size-xlarge = Extra large
reading-furigana = Show readings (furigana) over kanji
reading-contrast = High contrast
reading-save = Save
reading-saved = Saved. Your other devices will show it this way too.

## からだの数値
day-body = Body numbers
field-systolic-diastolic = Blood pressure
body-title = Body numbers of { $name }
body-heading = Body numbers
body-span = Period
body-span-week = 1 week
body-span-month = 1 month
body-span-3months = 3 months
body-summary = Measured { $count } times. The latest is { $last }.
body-none = Not measured in this period.
body-legend-both = The blue band is the general reference; the green band is this person's usual range.
body-legend-reference = The blue band is the general reference.
body-legend-usual = The green band is this person's usual range.
body-table = See the numbers as a table
body-table-when = When
body-table-value = Value

## Printing (a paper for the doctor)
access-log-what-timeline = the list of records
access-log-what-body = the body numbers
access-log-what-medical = the medical information
access-log-what-print = the records from { $from } to { $to } (for printing)
field-print-from = First day
field-print-to = Last day
field-print-period = The period to print
error-period-too-long = { $field } can be at most { $max } days.
print-link = Print (for the doctor)
print-title = Records of { $name } (for printing)
print-heading = Make a paper for the doctor
print-intro = Print the body numbers and the records to take to the doctor. Choose a period (up to { $max } days).
print-from = First day
print-to = Last day
print-make = Make it for this period
print-button = Print
print-how = If the button does not work, choose "Print" in your browser's menu.
print-sheet-heading = Records of { $name } ({ $age }, { $level })
print-sheet-period = Period: { $from } to { $to } ({ $days } days)
print-sheet-made = Made with Yorisoi on { $date }.
print-body = Body numbers
print-records = Records
print-empty = There are no records in this period.
print-col-time = Time
print-col-what = Kind
print-col-content = What happened
print-back = Back to the records

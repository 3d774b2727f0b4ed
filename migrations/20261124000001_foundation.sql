-- Yorisoi foundation schema. Append-only: never edit a migration that has
-- shipped; add a new one.
--
-- Written once for both SQLite and PostgreSQL: ids are TEXT (UUIDv7 made by
-- the app), times are BIGINT milliseconds since 1970 UTC, dates are TEXT
-- 'YYYY-MM-DD', flags are BIGINT 0/1, decimals are BIGINT tenths. CHECK
-- constraints repeat the domain's limits so no impossible value is stored
-- even by a future bug.

-- One-time events of this database (e.g. 'demo_household' loaded). The
-- primary key makes claiming one race-free across app servers.
CREATE TABLE app_markers (
    name TEXT PRIMARY KEY,
    set_at BIGINT NOT NULL
);

CREATE TABLE providers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    service_type TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    provider_id TEXT REFERENCES providers (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE recipients (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_kana TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    care_level TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- The only path from a person to a recipient. Access ends on ended_on.
CREATE TABLE care_relationships (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    person_id TEXT NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL,
    family_relation TEXT NOT NULL DEFAULT '',
    started_on TEXT NOT NULL,
    ended_on TEXT,
    end_reason TEXT,
    UNIQUE (recipient_id, person_id),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
CREATE INDEX care_relationships_person ON care_relationships (person_id);

-- ケアプラン: one row per version; the tables below hang off a version.
CREATE TABLE care_plans (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    version BIGINT NOT NULL CHECK (version >= 1),
    author_id TEXT NOT NULL REFERENCES people (id),
    created_at BIGINT NOT NULL,
    care_level TEXT NOT NULL,
    certified_from TEXT NOT NULL,
    certified_to TEXT NOT NULL,
    intention TEXT NOT NULL,
    policy TEXT NOT NULL,
    other_services TEXT NOT NULL DEFAULT '',
    info_class TEXT NOT NULL,
    UNIQUE (recipient_id, version),
    CHECK (certified_to >= certified_from)
);

CREATE TABLE care_plan_needs (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES care_plans (id),
    position BIGINT NOT NULL,
    need TEXT NOT NULL,
    UNIQUE (plan_id, position)
);

-- 長期目標 (parent_goal_id NULL) and 短期目標 (parent_goal_id = its 長期目標).
CREATE TABLE care_plan_goals (
    id TEXT PRIMARY KEY,
    need_id TEXT NOT NULL REFERENCES care_plan_needs (id),
    parent_goal_id TEXT REFERENCES care_plan_goals (id),
    position BIGINT NOT NULL,
    goal TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    CHECK (period_to >= period_from)
);
CREATE INDEX care_plan_goals_need ON care_plan_goals (need_id);

CREATE TABLE care_plan_services (
    id TEXT PRIMARY KEY,
    short_goal_id TEXT NOT NULL REFERENCES care_plan_goals (id),
    position BIGINT NOT NULL,
    content TEXT NOT NULL,
    insured BIGINT NOT NULL CHECK (insured IN (0, 1)),
    kind TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    frequency TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    CHECK (period_to >= period_from)
);
CREATE INDEX care_plan_services_goal ON care_plan_services (short_goal_id);

CREATE TABLE care_plan_weekly (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES care_plans (id),
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute BIGINT NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    content TEXT NOT NULL,
    CHECK (end_minute > start_minute)
);
CREATE INDEX care_plan_weekly_plan ON care_plan_weekly (plan_id);

CREATE TABLE care_plan_daily_activities (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES care_plans (id),
    at_minute BIGINT NOT NULL CHECK (at_minute BETWEEN 0 AND 1440),
    activity TEXT NOT NULL
);
CREATE INDEX care_plan_daily_activities_plan ON care_plan_daily_activities (plan_id);

-- 介護記録. `note` is the staff's wording, stored exactly as written.
CREATE TABLE care_records (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    provider_id TEXT NOT NULL REFERENCES providers (id),
    author_id TEXT NOT NULL REFERENCES people (id),
    occurred_at BIGINT NOT NULL,
    category TEXT NOT NULL,
    staple_wari BIGINT CHECK (staple_wari BETWEEN 0 AND 10),
    side_wari BIGINT CHECK (side_wari BETWEEN 0 AND 10),
    fluid_ml BIGINT CHECK (fluid_ml BETWEEN 0 AND 3000),
    excretion_kind TEXT,
    excretion_count BIGINT CHECK (excretion_count BETWEEN 0 AND 20),
    excretion_character TEXT,
    bath_kind TEXT,
    note TEXT NOT NULL,
    info_class TEXT NOT NULL,
    team_only BIGINT NOT NULL CHECK (team_only IN (0, 1)),
    created_at BIGINT NOT NULL
);
-- The timeline: newest first per recipient, keyset-paginated.
CREATE INDEX care_records_timeline ON care_records (recipient_id, occurred_at DESC, id DESC);

CREATE TABLE vital_signs (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    provider_id TEXT NOT NULL REFERENCES providers (id),
    measured_by TEXT NOT NULL REFERENCES people (id),
    measured_at BIGINT NOT NULL,
    temperature_tenths BIGINT CHECK (temperature_tenths BETWEEN 340 AND 420),
    systolic BIGINT CHECK (systolic BETWEEN 50 AND 260),
    diastolic BIGINT CHECK (diastolic BETWEEN 20 AND 160),
    pulse BIGINT CHECK (pulse BETWEEN 20 AND 250),
    spo2 BIGINT CHECK (spo2 BETWEEN 50 AND 100),
    respiratory_rate BIGINT CHECK (respiratory_rate BETWEEN 4 AND 60),
    weight_tenths BIGINT CHECK (weight_tenths BETWEEN 100 AND 2500),
    height_tenths BIGINT CHECK (height_tenths BETWEEN 800 AND 2300),
    info_class TEXT NOT NULL,
    team_only BIGINT NOT NULL CHECK (team_only IN (0, 1)),
    created_at BIGINT NOT NULL,
    CHECK ((systolic IS NULL) = (diastolic IS NULL)),
    CHECK (diastolic < systolic OR systolic IS NULL)
);
CREATE INDEX vital_signs_timeline ON vital_signs (recipient_id, measured_at DESC, id DESC);

CREATE TABLE medical_items (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    author_id TEXT NOT NULL REFERENCES people (id),
    recorded_at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL,
    dysphagia_code TEXT,
    info_class TEXT NOT NULL,
    team_only BIGINT NOT NULL CHECK (team_only IN (0, 1)),
    created_at BIGINT NOT NULL
);
CREATE INDEX medical_items_recipient ON medical_items (recipient_id, kind);

-- Who read or wrote which person's data. Rows are only ever inserted.
-- Never holds health data itself: ids, an action word and a time.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    recipient_id TEXT,
    object_kind TEXT NOT NULL,
    object_id TEXT
);
CREATE INDEX audit_log_recipient ON audit_log (recipient_id, at);

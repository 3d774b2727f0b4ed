-- The person's and family's voice: くらしの希望, 人生会議 (ACP)
-- notes, conversations with the care team, and 「確認しました」.
-- Nothing here is ever updated or deleted: a change is a new row.

-- Where a notice that something is new is sent (never what it is).
ALTER TABLE people ADD COLUMN email TEXT;

-- くらしの希望: in the writer's own words, one entry per saving. The
-- newest entry on a topic is the current one; older ones stay readable.
CREATE TABLE wishes (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    topic TEXT NOT NULL
        CHECK (topic IN ('likes', 'food', 'rhythm', 'values', 'name')),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    author_id TEXT NOT NULL REFERENCES people (id),
    -- 'self' or 'family': family entries about 本人's wishes say so.
    author_relation TEXT NOT NULL CHECK (author_relation IN ('self', 'family')),
    written_at BIGINT NOT NULL
);
CREATE INDEX wishes_recipient ON wishes (recipient_id, written_at);

-- 人生会議: one row per version. UNIQUE (recipient_id, version) is the
-- version check: of two people saving on top of the same version, the
-- database lets exactly one in.
CREATE TABLE acp_versions (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    version BIGINT NOT NULL CHECK (version >= 1),
    author_id TEXT NOT NULL REFERENCES people (id),
    author_relation TEXT NOT NULL CHECK (author_relation IN ('self', 'family', 'team')),
    written_at BIGINT NOT NULL,
    -- 話し合った日 (YYYY-MM-DD), when a talk is recorded.
    discussed_on TEXT,
    -- The structured answers and their notes (domain::acp::AcpAnswers, JSON).
    answers TEXT NOT NULL,
    UNIQUE (recipient_id, version)
);

-- Conversations: every comment on one thing (a record, a goal, a chart,
-- an ACP version, a wish) is one thread. A comment carries the class and
-- team-only mark of what it is about, so it is shown to exactly those who
-- may see that.
CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    target_kind TEXT NOT NULL
        CHECK (target_kind IN ('record', 'goal', 'chart', 'acp', 'wish')),
    target_id TEXT NOT NULL,
    info_class TEXT NOT NULL,
    team_only BIGINT NOT NULL CHECK (team_only IN (0, 1)),
    author_id TEXT NOT NULL REFERENCES people (id),
    author_relation TEXT NOT NULL CHECK (author_relation IN ('self', 'family', 'team')),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    written_at BIGINT NOT NULL
);
CREATE INDEX comments_recipient ON comments (recipient_id, written_at);
CREATE INDEX comments_thread ON comments (target_kind, target_id, written_at);

-- Until when each person has read each thread (unread marks).
CREATE TABLE thread_reads (
    person_id TEXT NOT NULL REFERENCES people (id),
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, target_kind, target_id)
);

-- 「確認しました」: a staff member has read a wish or an ACP version.
CREATE TABLE acknowledgements (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES recipients (id),
    object_kind TEXT NOT NULL CHECK (object_kind IN ('wish', 'acp')),
    object_id TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people (id),
    at BIGINT NOT NULL,
    UNIQUE (object_kind, object_id, person_id)
);
CREATE INDEX acknowledgements_recipient ON acknowledgements (recipient_id);

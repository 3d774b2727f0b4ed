-- How each person likes to read (見やすさ): furigana on or off, text size,
-- high contrast. Remembered per person, so every device they sign in on
-- shows it the same way.
CREATE TABLE reading_settings (
    person_id TEXT PRIMARY KEY REFERENCES people (id),
    furigana BIGINT NOT NULL CHECK (furigana IN (0, 1)),
    text_size TEXT NOT NULL CHECK (text_size IN ('standard', 'large', 'xlarge')),
    high_contrast BIGINT NOT NULL CHECK (high_contrast IN (0, 1)),
    updated_at BIGINT NOT NULL
);

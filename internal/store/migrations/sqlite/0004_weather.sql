-- The weather box and the reader popup: the paper's localities, the last
-- good forecast of each with the time it was fetched, leases that let one
-- server at a time run a background job, and announcements.

CREATE TABLE localities (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    latitude   REAL NOT NULL,
    longitude  REAL NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    is_default BOOLEAN NOT NULL DEFAULT FALSE
);
-- At most one default locality.
CREATE UNIQUE INDEX localities_one_default ON localities (is_default) WHERE is_default;

-- One row per locality: the last forecast that passed validation. The
-- coordinates are those asked for, so that a forecast fetched for a place
-- that moved while the request ran is not stored under its new position.
CREATE TABLE weather_reports (
    locality_id   INTEGER PRIMARY KEY REFERENCES localities(id) ON DELETE CASCADE,
    latitude      REAL NOT NULL,
    longitude     REAL NOT NULL,
    fetched_at    TIMESTAMP NOT NULL,
    observed_at   TIMESTAMP NOT NULL,
    temperature   REAL NOT NULL,
    apparent      REAL NOT NULL,
    humidity      INTEGER NOT NULL,
    wind_speed    REAL NOT NULL,
    precipitation REAL NOT NULL,
    weather_code  INTEGER NOT NULL,
    is_day        BOOLEAN NOT NULL
);

-- The daily forecast of a report; day is YYYY-MM-DD in the paper's zone.
CREATE TABLE weather_days (
    locality_id  INTEGER NOT NULL REFERENCES weather_reports(locality_id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    weather_code INTEGER NOT NULL,
    temp_min     REAL NOT NULL,
    temp_max     REAL NOT NULL,
    rain_chance  INTEGER,
    PRIMARY KEY (locality_id, day)
);

-- A job runs on the server that holds its lease; a lease past held_until
-- is free for the next server to take.
CREATE TABLE job_leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    held_until TIMESTAMP NOT NULL
);

CREATE TABLE popups (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    image_id   INTEGER REFERENCES images(id) ON DELETE SET NULL,
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    pages      TEXT NOT NULL DEFAULT 'all',
    frequency  TEXT NOT NULL DEFAULT 'once',
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX popups_window ON popups (ends_at, starts_at);

-- The demo paper's localities: Hà Tĩnh's main places under their names
-- since 1 July 2025 (no districts; "Thành phố Hà Tĩnh" is now phường
-- Thành Sen). Thành Sen is the provincial seat; the others are the centres
-- of the former towns and districts, from their Wikipedia coordinates
-- rounded to 2 decimals (about 1 km, finer than the forecast grid). Sông
-- Trí, the former Kỳ Anh town centre, is approximate to about 0.03°.
INSERT INTO localities (name, latitude, longitude, position, is_default) VALUES
    ('Thành Sen', 18.343, 105.906, 1, TRUE),
    ('Bắc Hồng Lĩnh', 18.53, 105.70, 2, FALSE),
    ('Sông Trí (Kỳ Anh)', 18.07, 106.30, 3, FALSE),
    ('Hương Sơn', 18.51, 105.42, 4, FALSE),
    ('Hương Khê', 18.18, 105.70, 5, FALSE),
    ('Vũ Quang', 18.38, 105.50, 6, FALSE),
    ('Đức Thọ', 18.53, 105.60, 7, FALSE),
    ('Can Lộc', 18.43, 105.73, 8, FALSE),
    ('Nghi Xuân', 18.67, 105.76, 9, FALSE),
    ('Thạch Hà', 18.37, 105.86, 10, FALSE),
    ('Cẩm Xuyên', 18.25, 106.00, 11, FALSE);

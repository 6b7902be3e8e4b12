-- The newsroom on a working day: bylines with a photo and the paper's
-- credit line, corrections readers see, passwords to change at the next
-- sign-in, autosaved text, and a starter word list.

ALTER TABLE authors ADD COLUMN photo_image_id BIGINT REFERENCES images(id) ON DELETE SET NULL;

ALTER TABLE articles ADD COLUMN byline_credit TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN correction_note TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN corrected_at TIMESTAMP;

ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

-- What an open editor holds but has not saved, one row per story and
-- member, replaced at each autosave and dropped at each save: the
-- revision list keeps only saves.
CREATE TABLE autosaves (
    article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    base        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    lead        TEXT NOT NULL,
    body        TEXT NOT NULL,
    saved_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, user_id)
);

-- A new paper refuses the obvious abuse from its first day: a starter
-- list of insults, slurs and spam, written for toasoan and edited at
-- /toasoan/binh-luan/cai-dat. Words are folded (no marks, đ → d) and
-- matched as whole words or phrases, so each entry is a phrase that no
-- ordinary sentence folds into ("ngu" alone would refuse "đi ngủ").
-- A paper that already has its own lists keeps them.
INSERT INTO word_lists (kind, word)
SELECT kind, word FROM (
    SELECT 'banned' AS kind, 'do ngu' AS word UNION ALL
    SELECT 'banned', 'thang ngu' UNION ALL
    SELECT 'banned', 'con ngu' UNION ALL
    SELECT 'banned', 'ngu nhu bo' UNION ALL
    SELECT 'banned', 'ngu nhu lon' UNION ALL
    SELECT 'banned', 'ngu nhu cho' UNION ALL
    SELECT 'banned', 'oc lon' UNION ALL
    SELECT 'banned', 'do oc cho' UNION ALL
    SELECT 'banned', 'khon nan' UNION ALL
    SELECT 'banned', 'mat day' UNION ALL
    SELECT 'banned', 'do mat day' UNION ALL
    SELECT 'banned', 'vo hoc vo van' UNION ALL
    SELECT 'banned', 'do suc sinh' UNION ALL
    SELECT 'banned', 'do cho chet' UNION ALL
    SELECT 'banned', 'thang cho' UNION ALL
    SELECT 'banned', 'con cho cai' UNION ALL
    SELECT 'banned', 'du ma' UNION ALL
    SELECT 'banned', 'du me' UNION ALL
    SELECT 'banned', 'dit me' UNION ALL
    SELECT 'banned', 'dit con me' UNION ALL
    SELECT 'banned', 'lon ma' UNION ALL
    SELECT 'banned', 'dcm' UNION ALL
    SELECT 'banned', 'dmm' UNION ALL
    SELECT 'banned', 'dkm' UNION ALL
    SELECT 'banned', 'clgt' UNION ALL
    SELECT 'banned', 'vcl' UNION ALL
    SELECT 'banned', 'vkl' UNION ALL
    SELECT 'banned', 'cmm' UNION ALL
    SELECT 'banned', 'nha cai uy tin' UNION ALL
    SELECT 'banned', 'ca do bong da' UNION ALL
    SELECT 'banned', 'kiem tien online' UNION ALL
    SELECT 'banned', 'lam giau nhanh' UNION ALL
    SELECT 'banned', 'vay tien nhanh' UNION ALL
    SELECT 'banned', 'cho vay nong' UNION ALL
    SELECT 'banned', 'tai khoan ngan hang gia' UNION ALL
    SELECT 'review', 'lua dao' UNION ALL
    SELECT 'review', 'phan dong' UNION ALL
    SELECT 'review', 'bieu tinh' UNION ALL
    SELECT 'review', 'tham nhung' UNION ALL
    SELECT 'review', 'hoi lo' UNION ALL
    SELECT 'review', 'zalo' UNION ALL
    SELECT 'review', 'telegram' UNION ALL
    SELECT 'review', 'inbox' UNION ALL
    SELECT 'review', 'lien he so' UNION ALL
    SELECT 'review', 'cho vay'
) starter
WHERE NOT EXISTS (SELECT 1 FROM word_lists);

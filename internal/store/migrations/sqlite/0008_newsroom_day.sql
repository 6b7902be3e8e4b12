-- The newsroom on a working day: bylines with a photo and the paper's
-- credit line, corrections readers see, passwords to change at the next
-- sign-in, autosaved text, and a starter word list.

ALTER TABLE authors ADD COLUMN photo_image_id INTEGER REFERENCES images(id) ON DELETE SET NULL;

ALTER TABLE articles ADD COLUMN byline_credit TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN correction_note TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN corrected_at TIMESTAMP;

ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

-- What an open editor holds but has not saved, one row per story and
-- member, replaced at each autosave and dropped at each save: the
-- revision list keeps only saves.
CREATE TABLE autosaves (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    base        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    lead        TEXT NOT NULL,
    body        TEXT NOT NULL,
    saved_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, user_id)
);

-- A new paper refuses the obvious abuse from its first day: a starter
-- list of insults, slurs and spam, written for toasoan and edited at
-- /toasoan/binh-luan/cai-dat. Entries are whole words or phrases in the
-- form the lists compare (NFC, lower case, one tone placement) and keep
-- their marks: comment.FindWord refuses a comment written with marks that
-- holds a 'banned' phrase exactly ("Đồ ngu"), and only flags for the
-- moderator what matches once marks are ignored, since folding makes
-- ordinary words of insults ("đồ ngủ", "do ngủ gật" → "do ngu"). Words
-- of ordinary speech that insult only in some company ("ngu", "chó",
-- "óc chó" the walnut) are listed in that company. 'review' flags.
-- A paper that already has its own lists keeps them.
INSERT INTO word_lists (kind, word)
SELECT kind, word FROM (
    SELECT 'banned' AS kind, 'đồ ngu' AS word UNION ALL
    SELECT 'banned', 'thằng ngu' UNION ALL
    SELECT 'banned', 'con ngu' UNION ALL
    SELECT 'banned', 'lũ ngu' UNION ALL
    SELECT 'banned', 'bọn ngu' UNION ALL
    SELECT 'banned', 'ngu như bò' UNION ALL
    SELECT 'banned', 'ngu như lợn' UNION ALL
    SELECT 'banned', 'ngu như heo' UNION ALL
    SELECT 'banned', 'ngu như chó' UNION ALL
    SELECT 'banned', 'ngu vãi' UNION ALL
    SELECT 'banned', 'đồ đần' UNION ALL
    SELECT 'banned', 'thằng đần' UNION ALL
    SELECT 'banned', 'đồ óc chó' UNION ALL
    SELECT 'banned', 'thằng óc chó' UNION ALL
    SELECT 'banned', 'đồ óc lợn' UNION ALL
    SELECT 'banned', 'đồ mất dạy' UNION ALL
    SELECT 'banned', 'thằng mất dạy' UNION ALL
    SELECT 'banned', 'con mất dạy' UNION ALL
    SELECT 'banned', 'lũ mất dạy' UNION ALL
    SELECT 'banned', 'đồ khốn' UNION ALL
    SELECT 'banned', 'thằng khốn' UNION ALL
    SELECT 'banned', 'đồ khốn nạn' UNION ALL
    SELECT 'banned', 'thằng khốn nạn' UNION ALL
    SELECT 'banned', 'lũ khốn nạn' UNION ALL
    SELECT 'banned', 'đồ vô học' UNION ALL
    SELECT 'banned', 'đồ súc sinh' UNION ALL
    SELECT 'banned', 'đồ súc vật' UNION ALL
    SELECT 'banned', 'lũ súc vật' UNION ALL
    SELECT 'banned', 'chó má' UNION ALL
    SELECT 'banned', 'đồ chó má' UNION ALL
    SELECT 'banned', 'thằng chó má' UNION ALL
    SELECT 'banned', 'đồ chó chết' UNION ALL
    SELECT 'banned', 'thằng chó chết' UNION ALL
    SELECT 'banned', 'đồ chó đẻ' UNION ALL
    SELECT 'banned', 'thằng chó đẻ' UNION ALL
    SELECT 'banned', 'đồ rác rưởi' UNION ALL
    SELECT 'banned', 'đồ cặn bã' UNION ALL
    SELECT 'banned', 'đồ bố láo' UNION ALL
    SELECT 'banned', 'đồ điếm' UNION ALL
    SELECT 'banned', 'con điếm' UNION ALL
    SELECT 'banned', 'địt' UNION ALL
    SELECT 'banned', 'đụ' UNION ALL
    SELECT 'banned', 'đù má' UNION ALL
    SELECT 'banned', 'lồn' UNION ALL
    SELECT 'banned', 'cặc' UNION ALL
    SELECT 'banned', 'buồi' UNION ALL
    SELECT 'banned', 'đéo' UNION ALL
    SELECT 'banned', 'đĩ' UNION ALL
    SELECT 'banned', 'mẹ kiếp' UNION ALL
    SELECT 'banned', 'con mẹ mày' UNION ALL
    SELECT 'banned', 'chết mẹ mày' UNION ALL
    SELECT 'banned', 'đm' UNION ALL
    SELECT 'banned', 'đmm' UNION ALL
    SELECT 'banned', 'đcm' UNION ALL
    SELECT 'banned', 'đkm' UNION ALL
    SELECT 'banned', 'dmm' UNION ALL
    SELECT 'banned', 'dcm' UNION ALL
    SELECT 'banned', 'dkm' UNION ALL
    SELECT 'banned', 'vcl' UNION ALL
    SELECT 'banned', 'vkl' UNION ALL
    SELECT 'banned', 'clgt' UNION ALL
    SELECT 'banned', 'cmm' UNION ALL
    SELECT 'banned', 'cmnr' UNION ALL
    SELECT 'banned', 'nhà cái uy tín' UNION ALL
    SELECT 'review', 'khốn nạn' UNION ALL
    SELECT 'review', 'mất dạy' UNION ALL
    SELECT 'review', 'vô học' UNION ALL
    SELECT 'review', 'súc sinh' UNION ALL
    SELECT 'review', 'não tàn' UNION ALL
    SELECT 'review', 'não phẳng' UNION ALL
    SELECT 'review', 'bố láo' UNION ALL
    SELECT 'review', 'mẹ mày' UNION ALL
    SELECT 'review', 'bố mày' UNION ALL
    SELECT 'review', 'con mẹ nó' UNION ALL
    SELECT 'review', 'câm mồm' UNION ALL
    SELECT 'review', 'câm miệng' UNION ALL
    SELECT 'review', 'thằng điên' UNION ALL
    SELECT 'review', 'đếch' UNION ALL
    SELECT 'review', 'cứt' UNION ALL
    SELECT 'review', 'ba que' UNION ALL
    SELECT 'review', 'bò đỏ' UNION ALL
    SELECT 'review', 'phản động' UNION ALL
    SELECT 'review', 'biểu tình' UNION ALL
    SELECT 'review', 'tham nhũng' UNION ALL
    SELECT 'review', 'hối lộ' UNION ALL
    SELECT 'review', 'lừa đảo' UNION ALL
    SELECT 'review', 'cá độ' UNION ALL
    SELECT 'review', 'soi kèo' UNION ALL
    SELECT 'review', 'tài xỉu' UNION ALL
    SELECT 'review', 'casino' UNION ALL
    SELECT 'review', 'vay tiền nhanh' UNION ALL
    SELECT 'review', 'cho vay' UNION ALL
    SELECT 'review', 'kiếm tiền online' UNION ALL
    SELECT 'review', 'làm giàu nhanh' UNION ALL
    SELECT 'review', 'zalo' UNION ALL
    SELECT 'review', 'telegram' UNION ALL
    SELECT 'review', 'inbox' UNION ALL
    SELECT 'review', 'liên hệ số'
) starter
WHERE NOT EXISTS (SELECT 1 FROM word_lists);

-- Reader comments, premoderated; likes; the paper's rejection reasons and
-- word lists; the email outbox.

ALTER TABLE articles ADD COLUMN comment_mode TEXT NOT NULL DEFAULT 'open';
ALTER TABLE articles ADD COLUMN comment_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    parent_id     INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL,
    original_body TEXT NOT NULL,
    folded_body   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending',
    edited        BOOLEAN NOT NULL DEFAULT FALSE,
    staff         BOOLEAN NOT NULL DEFAULT FALSE,
    staff_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    flags         TEXT NOT NULL DEFAULT '',
    reject_reason TEXT NOT NULL DEFAULT '',
    address_hash  TEXT NOT NULL DEFAULT '',
    browser_hash  TEXT NOT NULL DEFAULT '',
    likes         INTEGER NOT NULL DEFAULT 0,
    notify        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL,
    published_at  TIMESTAMP,
    moderated_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    moderated_at  TIMESTAMP,
    claimed_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    claimed_until TIMESTAMP
);
CREATE INDEX comments_article ON comments (article_id, status, published_at);
CREATE INDEX comments_status ON comments (status, created_at);
CREATE INDEX comments_parent ON comments (parent_id);
CREATE INDEX comments_duplicates ON comments (browser_hash, created_at);
CREATE INDEX comments_address ON comments (address_hash, created_at);
-- A thread page reads published top-level comments by time or by likes.
CREATE INDEX comments_threads_new ON comments (article_id, published_at, id) WHERE parent_id IS NULL AND status = 'published';
CREATE INDEX comments_threads_liked ON comments (article_id, likes, published_at, id) WHERE parent_id IS NULL AND status = 'published';

CREATE TABLE comment_likes (
    comment_id   INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    browser_hash TEXT NOT NULL,
    PRIMARY KEY (comment_id, browser_hash)
);

CREATE TABLE reject_reasons (
    id       INTEGER PRIMARY KEY,
    text     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
INSERT INTO reject_reasons (text, position) VALUES
    ('Ngôn từ thiếu văn hóa, xúc phạm người khác', 1),
    ('Không liên quan đến nội dung bài viết', 2),
    ('Quảng cáo, rao vặt', 3),
    ('Thông tin sai sự thật, chưa kiểm chứng', 4),
    ('Vi phạm quy định của pháp luật', 5);

-- Words matched on folded text: 'banned' refuses a comment, 'review'
-- flags it for the moderator.
CREATE TABLE word_lists (
    kind TEXT NOT NULL,
    word TEXT NOT NULL,
    PRIMARY KEY (kind, word)
);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    sent_at    TIMESTAMP,
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const userColumns = `id, email, name, password_hash, totp_secret, totp_last_step, disabled, COALESCE(author_id, 0), created_at`

// CreateUser adds a newsroom member with their roles and sections.
func (s *Store) CreateUser(ctx context.Context, u news.User) (news.User, error) {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = vietnamese.NFC(strings.TrimSpace(u.Name))
	u.CreatedAt = s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, password_hash, totp_secret, disabled, author_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			u.Email, u.Name, u.PasswordHash, u.TOTPSecret, u.Disabled, nullID(u.AuthorID), u.CreatedAt).Scan(&u.ID)
		if err != nil {
			return err
		}
		return writeUserLinks(ctx, tx, u)
	})
	if isUniqueViolation(err) {
		return u, news.Errorf(news.Conflict, "Địa chỉ email %s đã có tài khoản", u.Email)
	}
	if err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// UpdateUser changes a member's name, roles, sections, author and
// whether the account is disabled; the password has its own method.
func (s *Store) UpdateUser(ctx context.Context, u news.User) error {
	u.Name = vietnamese.NFC(strings.TrimSpace(u.Name))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, disabled = $2, author_id = $3 WHERE id = $4`,
			u.Name, u.Disabled, nullID(u.AuthorID), u.ID)
		if err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy người dùng")
		}
		return writeUserLinks(ctx, tx, u)
	})
}

func writeUserLinks(ctx context.Context, tx *sql.Tx, u news.User) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, u.ID); err != nil {
		return err
	}
	for _, r := range u.Roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING`, u.ID, string(r)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_sections WHERE user_id = $1`, u.ID); err != nil {
		return err
	}
	for _, id := range u.SectionIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_sections (user_id, section_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, u.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// SetPassword replaces a member's password hash.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
		return err
	})
}

// SetTOTP turns two-factor sign-in on (a secret) or off ("").
func (s *Store) SetTOTP(ctx context.Context, userID int64, secret string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = $1, totp_last_step = 0 WHERE id = $2`, secret, userID)
		return err
	})
}

// UseTOTPStep records an accepted code's step; it fails if that step or a
// later one was already used, so a code cannot be replayed.
func (s *Store) UseTOTPStep(ctx context.Context, userID, step int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.Unauthorized, "Mã xác thực này đã được dùng; hãy chờ mã mới")
		}
		return nil
	})
}

// UserByID reads a member with roles and sections.
func (s *Store) UserByID(ctx context.Context, id int64) (news.User, error) {
	return s.oneUser(ctx, `WHERE id = $1`, id)
}

// UserByEmail reads a member by sign-in address (case-insensitive).
func (s *Store) UserByEmail(ctx context.Context, email string) (news.User, error) {
	return s.oneUser(ctx, `WHERE email = $1`, strings.ToLower(strings.TrimSpace(email)))
}

func (s *Store) oneUser(ctx context.Context, where string, arg any) (news.User, error) {
	users, err := s.queryUsers(ctx, `SELECT `+userColumns+` FROM users `+where, arg)
	if err != nil {
		return news.User{}, err
	}
	if len(users) == 0 {
		return news.User{}, news.Errorf(news.NotFound, "Không tìm thấy người dùng")
	}
	return users[0], nil
}

// Users lists every member, by name.
func (s *Store) Users(ctx context.Context) ([]news.User, error) {
	return s.queryUsers(ctx, `SELECT `+userColumns+` FROM users ORDER BY name, id`)
}

// CountUsers tells a new installation (no users yet) from one in use.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

func (s *Store) queryUsers(ctx context.Context, query string, args ...any) ([]news.User, error) {
	rows, err := s.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read users: %w", err)
	}
	var users []news.User
	index := map[int64]int{}
	for rows.Next() {
		var u news.User
		if err := rows.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.TOTPSecret, &u.TOTPLastStep, &u.Disabled, &u.AuthorID, &u.CreatedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read users: %w", err)
		}
		u.CreatedAt = u.CreatedAt.UTC()
		index[u.ID] = len(users)
		users = append(users, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, nil
	}
	links, err := s.read.QueryContext(ctx, `SELECT user_id, role, 0 FROM user_roles UNION ALL SELECT user_id, '', section_id FROM user_sections`)
	if err != nil {
		return nil, fmt.Errorf("read roles: %w", err)
	}
	defer links.Close()
	for links.Next() {
		var uid, sec int64
		var role string
		if err := links.Scan(&uid, &role, &sec); err != nil {
			return nil, err
		}
		i, ok := index[uid]
		switch {
		case !ok:
		case role != "":
			users[i].Roles = append(users[i].Roles, news.Role(role))
		default:
			users[i].SectionIDs = append(users[i].SectionIDs, sec)
		}
	}
	return users, links.Err()
}

// errNoRows reports a missing row.
func errNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

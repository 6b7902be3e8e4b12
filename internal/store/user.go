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

const userColumns = `id, email, name, password_hash, totp_secret, totp_last_step, disabled, COALESCE(author_id, 0), created_at, must_change_password`

// CreateUser adds a newsroom member with their roles and sections. A
// member given no byline gets their pen name: an author of their name.
func (s *Store) CreateUser(ctx context.Context, by news.Actor, u news.User) (news.User, error) {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = vietnamese.NFC(strings.TrimSpace(u.Name))
	err := s.change(ctx, by, "user.create", func(t *tx, e *news.AuditEntry) error {
		u.CreatedAt = t.now
		if u.AuthorID == 0 {
			var err error
			if u.AuthorID, err = s.penName(ctx, t, u); err != nil {
				return err
			}
		}
		err := t.QueryRowContext(ctx, `INSERT INTO users (email, name, password_hash, totp_secret, disabled, author_id, created_at, must_change_password)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			u.Email, u.Name, u.PasswordHash, u.TOTPSecret, u.Disabled, nullID(u.AuthorID), u.CreatedAt, u.MustChangePassword).Scan(&u.ID)
		if s.dialect.uniqueViolation(err) {
			return news.Errorf(news.Conflict, "Địa chỉ email %s đã có tài khoản", u.Email)
		}
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "user", u.ID, userDetail(u)
		return writeUserLinks(ctx, t, u)
	})
	return u, err
}

// userDetail is how the audit log describes an account.
func userDetail(u news.User) string {
	return u.Email + " " + strings.Join(u.RoleLabels(), ", ")
}

// UpdateUser changes a member's name, roles, sections, author and whether
// the account is disabled; the password has its own method. Disabling an
// account signs it out everywhere in the same transaction.
func (s *Store) UpdateUser(ctx context.Context, by news.Actor, u news.User) error {
	u.Name = vietnamese.NFC(strings.TrimSpace(u.Name))
	return s.change(ctx, by, "user.update", func(t *tx, e *news.AuditEntry) error {
		var email string
		err := t.QueryRowContext(ctx, `UPDATE users SET name = $1, disabled = $2, author_id = $3 WHERE id = $4 RETURNING email`,
			u.Name, u.Disabled, nullID(u.AuthorID), u.ID).Scan(&email)
		if errNoRows(err) {
			return news.Errorf(news.NotFound, "Không tìm thấy người dùng")
		}
		if err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		u.Email = email
		e.ObjectType, e.ObjectID, e.Detail = "user", u.ID, userDetail(u)
		if u.Disabled {
			ended, err := endCredentials(ctx, t, u.ID, "")
			if err != nil {
				return err
			}
			e.Detail += " (khóa; " + ended.String() + ")"
		}
		return writeUserLinks(ctx, t, u)
	})
}

// writeUserLinks writes what an account holds beside its row: its roles
// and its sections.
func writeUserLinks(ctx context.Context, t *tx, u news.User) error {
	if _, err := t.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, u.ID); err != nil {
		return err
	}
	for _, r := range u.Roles {
		if _, err := t.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING`, u.ID, string(r)); err != nil {
			return err
		}
	}
	if _, err := t.ExecContext(ctx, `DELETE FROM user_sections WHERE user_id = $1`, u.ID); err != nil {
		return err
	}
	for _, id := range u.SectionIDs {
		if _, err := t.ExecContext(ctx, `INSERT INTO user_sections (user_id, section_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, u.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// Ended counts the credentials a change ended: sessions signed out and
// API tokens revoked.
type Ended struct{ Sessions, Tokens int }

func (e Ended) String() string {
	return fmt.Sprintf("đã đăng xuất %d phiên, thu hồi %d khóa API", e.Sessions, e.Tokens)
}

// endCredentials signs userID out everywhere but the session whose hash is
// keep ("" for none) and revokes their API tokens: what a new password, a
// new second factor or a disabled account must do, in the same
// transaction.
func endCredentials(ctx context.Context, t *tx, userID int64, keep string) (Ended, error) {
	var ended Ended
	res, err := t.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keep)
	if err != nil {
		return ended, fmt.Errorf("end sessions: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return ended, err
	}
	ended.Sessions = int(n)
	res, err = t.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, t.now, userID)
	if err != nil {
		return ended, fmt.Errorf("revoke tokens: %w", err)
	}
	if n, err = res.RowsAffected(); err != nil {
		return ended, err
	}
	ended.Tokens = int(n)
	return ended, nil
}

// SetPassword replaces a member's password hash with one they chose, which
// clears any mark that the password must be changed; their other sessions
// end and their API tokens are revoked, keep (a session's hash) excepted.
func (s *Store) SetPassword(ctx context.Context, by news.Actor, userID int64, hash, keep string) (Ended, error) {
	return s.replacePassword(ctx, by, "user.password", userID, hash, false, keep)
}

// ResetPassword gives a member a one-time password from an administrator,
// to be changed at their next sign-in: every session of theirs ends and
// every API token is revoked, since whoever knew the old password may
// hold them.
func (s *Store) ResetPassword(ctx context.Context, by news.Actor, userID int64, hash string) (Ended, error) {
	return s.replacePassword(ctx, by, "user.password_reset", userID, hash, true, "")
}

func (s *Store) replacePassword(ctx context.Context, by news.Actor, action string, userID int64, hash string, mustChange bool, keep string) (Ended, error) {
	var ended Ended
	err := s.change(ctx, by, action, func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID = "user", userID
		if err := updateOneUser(ctx, t, `UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3`, hash, mustChange, userID); err != nil {
			return err
		}
		var err error
		ended, err = endCredentials(ctx, t, userID, keep)
		e.Detail = ended.String()
		return err
	})
	return ended, err
}

// SetTOTP turns two-factor sign-in on (a secret) or off (""). Turning it
// on ends the member's other sessions and revokes their API tokens,
// keep (a session's hash) excepted: what was signed in with the password
// alone must prove the second factor.
func (s *Store) SetTOTP(ctx context.Context, by news.Actor, userID int64, secret, keep string) (Ended, error) {
	action := "user.2fa_on"
	if secret == "" {
		action = "user.2fa_off"
	}
	return s.replaceTOTP(ctx, by, action, userID, secret, secret != "", keep)
}

// ResetTOTP turns two-factor sign-in off for a member who lost their
// authenticator, at an administrator's or the shell's hand: every session
// of theirs ends and every API token is revoked, so whoever holds the
// lost phone and a session has nothing left.
func (s *Store) ResetTOTP(ctx context.Context, by news.Actor, userID int64) (Ended, error) {
	return s.replaceTOTP(ctx, by, "user.2fa_reset", userID, "", true, "")
}

func (s *Store) replaceTOTP(ctx context.Context, by news.Actor, action string, userID int64, secret string, end bool, keep string) (Ended, error) {
	var ended Ended
	err := s.change(ctx, by, action, func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID = "user", userID
		if err := updateOneUser(ctx, t, `UPDATE users SET totp_secret = $1, totp_last_step = 0 WHERE id = $2`, secret, userID); err != nil {
			return err
		}
		if !end {
			return nil
		}
		var err error
		ended, err = endCredentials(ctx, t, userID, keep)
		e.Detail = ended.String()
		return err
	})
	return ended, err
}

// SetEmail changes the address a member signs in with; an address another
// account has is a conflict. Sessions and tokens stay: they belong to the
// account, not to its address.
func (s *Store) SetEmail(ctx context.Context, by news.Actor, userID int64, email string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	return s.change(ctx, by, "user.email", func(t *tx, e *news.AuditEntry) error {
		var old string
		err := t.QueryRowContext(ctx, `SELECT email FROM users WHERE id = $1`, userID).Scan(&old)
		if errNoRows(err) {
			return news.Errorf(news.NotFound, "Không tìm thấy người dùng")
		}
		if err != nil {
			return fmt.Errorf("read email: %w", err)
		}
		_, err = t.ExecContext(ctx, `UPDATE users SET email = $1 WHERE id = $2`, email, userID)
		if s.dialect.uniqueViolation(err) {
			return news.Errorf(news.Conflict, "Địa chỉ email %s đã có tài khoản", email)
		}
		if err != nil {
			return fmt.Errorf("set email: %w", err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "user", userID, old+" → "+email
		return nil
	})
}

// updateOneUser runs an UPDATE of one user's row, NotFound if there is no
// such user.
func updateOneUser(ctx context.Context, t *tx, query string, args ...any) error {
	res, err := t.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return news.Errorf(news.NotFound, "Không tìm thấy người dùng")
	}
	return nil
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
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
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
		if err := rows.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.TOTPSecret, &u.TOTPLastStep, &u.Disabled, &u.AuthorID, &u.CreatedAt, &u.MustChangePassword); err != nil {
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

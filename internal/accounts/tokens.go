package accounts

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// maxTokenName bounds a token's name: a word or two saying what uses it.
const maxTokenName = 100

// CreateToken makes an API token of the user's, named for what will use
// it, and returns the token itself, shown once: only its hash is kept.
// Members make their own; the shell makes them for anyone.
func (s *Service) CreateToken(ctx context.Context, actor news.Actor, userID int64, name string) (string, store.APIToken, error) {
	if !actor.System && actor.User.ID != userID {
		return "", store.APIToken{}, news.Errorf(news.Forbidden, "Bạn chỉ tạo được khóa API của chính mình")
	}
	name = strings.TrimSpace(vietnamese.NFC(name))
	if name == "" || utf8.RuneCountInString(name) > maxTokenName || strings.ContainsFunc(name, unicode.IsControl) {
		return "", store.APIToken{}, news.Errorf(news.Invalid, "Vui lòng đặt tên cho khóa (tối đa %d ký tự, trên một dòng)", maxTokenName)
	}
	token := auth.NewToken()
	t, err := s.store.CreateAPIToken(ctx, actor, userID, auth.HashToken(token), name)
	if err != nil {
		return "", t, err
	}
	return token, t, nil
}

// RevokeToken ends one of the actor's own tokens.
func (s *Service) RevokeToken(ctx context.Context, actor news.Actor, tokenID int64) error {
	return s.store.RevokeAPIToken(ctx, actor, actor.User.ID, tokenID)
}

// maxTokenLen bounds what is hashed and looked up: real tokens are 43
// characters (auth.NewToken).
const maxTokenLen = 256

// UserByToken is the enabled user of a live API token.
func (s *Service) UserByToken(ctx context.Context, token string) (news.User, error) {
	if token == "" || len(token) > maxTokenLen {
		return news.User{}, news.Errorf(news.Unauthorized, "Khóa API không hợp lệ hoặc đã bị thu hồi")
	}
	u, err := s.store.UserByAPIToken(ctx, auth.HashToken(token))
	if news.ErrorCode(err) == news.NotFound {
		// The token's user row is gone: the token is as good as revoked.
		return news.User{}, news.Errorf(news.Unauthorized, "Khóa API không hợp lệ hoặc đã bị thu hồi")
	}
	if err != nil {
		return news.User{}, err
	}
	if u.Disabled {
		return news.User{}, news.Errorf(news.Unauthorized, "Tài khoản của khóa API này đã bị khóa")
	}
	return u, nil
}

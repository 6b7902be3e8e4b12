package editorial

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Limits of the lines around the story.
const (
	maxCredit     = 200
	maxCorrection = 2000
)

// checkCredit trims and checks a credit line ("Theo TTXVN"): one line of
// plain text.
func checkCredit(credit string) (string, error) {
	credit = strings.Join(strings.Fields(vietnamese.NFC(credit)), " ")
	switch {
	case utf8.RuneCountInString(credit) > maxCredit:
		return "", news.Errorf(news.Invalid, "Dòng nguồn tin dài quá %d ký tự", maxCredit)
	case strings.ContainsFunc(credit, unicode.IsControl) || strings.ContainsAny(credit, "<>"):
		return "", news.Errorf(news.Invalid, "Dòng nguồn tin là văn bản thường, không chứa thẻ HTML hay dấu < >")
	}
	return credit, nil
}

// applyCorrection sets a's correction note to note: only a published
// story is corrected, and a new note is dated now.
func (s *Service) applyCorrection(a *news.Article, note string) error {
	note = strings.TrimSpace(vietnamese.NFC(strings.ReplaceAll(note, "\r\n", "\n")))
	switch {
	case note == a.Correction:
		return nil
	case a.Status != news.Published:
		return news.Errorf(news.Invalid, "Chỉ bài đã đăng mới có ghi chú đính chính; bài này đang ở trạng thái “%s”", a.Status.Label())
	case utf8.RuneCountInString(note) > maxCorrection:
		return news.Errorf(news.Invalid, "Ghi chú đính chính dài quá %d ký tự", maxCorrection)
	case strings.ContainsFunc(note, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }):
		return news.Errorf(news.Invalid, "Ghi chú đính chính có ký tự không hợp lệ")
	}
	a.Correction, a.CorrectedAt = note, s.now()
	if note == "" {
		a.CorrectedAt = time.Time{}
	}
	return nil
}

// cover is the cover photo a story gets: the one asked for, which actor
// must be allowed to use (news.CanUseImage) unless the story already has
// it, or else the first photo of its body.
func (s *Service) cover(ctx context.Context, actor news.Actor, a news.Article, id int64) (int64, error) {
	if id == 0 {
		for _, bodyID := range news.BodyImageIDs(a.Body) {
			if _, err := s.store.Image(ctx, bodyID); err == nil {
				return bodyID, nil
			} else if news.ErrorCode(err) != news.NotFound {
				return 0, err
			}
		}
		return 0, nil
	}
	im, err := s.store.Image(ctx, id)
	if news.ErrorCode(err) == news.NotFound {
		return 0, news.Errorf(news.Invalid, "Ảnh đại diện số %d không có trong thư viện", id)
	}
	if err != nil || id == a.CoverImageID || actor.System {
		return id, err
	}
	use, err := s.store.ImageInUse(ctx, id, a.ID)
	if err != nil {
		return 0, err
	}
	if err := news.CanUseImage(actor.User, im, use.Published || use.InArticle); err != nil {
		return 0, news.Errorf(news.Invalid, "%s", news.ErrorMessage(err))
	}
	return id, nil
}

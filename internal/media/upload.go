package media

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// MaxText bounds a photo's caption, credit and alt text, in characters.
const MaxText = 1000

// Uploads is the one front door for photos: the newsroom's library page
// and editor, the API, the demo loader and imports all store photos
// through it, with the same checks.
type Uploads struct {
	library *Library
	store   *store.Store
}

// NewUploads returns the front door over a library of files and the
// database that describes them.
func NewUploads(l *Library, s *store.Store) *Uploads { return &Uploads{library: l, store: s} }

// Upload is a photo as sent, with its words.
type Upload struct {
	Data                 []byte
	Caption, Credit, Alt string
}

// Save checks the photo and its words, stores the file and records it
// with its audit entry, and returns it as recorded: the same bytes sent
// twice are one photo.
func (u *Uploads) Save(ctx context.Context, actor news.Actor, up Upload) (news.Image, error) {
	if err := actor.Require(news.WriteArticles); err != nil {
		return news.Image{}, err
	}
	if len(up.Data) == 0 {
		return news.Image{}, news.Errorf(news.Invalid, "Vui lòng chọn một tệp ảnh")
	}
	words, err := checkWords(up.Caption, up.Credit, up.Alt)
	if err != nil {
		return news.Image{}, err
	}
	im, err := u.library.Save(up.Data)
	if err != nil {
		return im, err
	}
	im.Caption, im.Credit, im.Alt = words[0], words[1], words[2]
	return u.store.CreateImage(ctx, actor, im)
}

// Describe changes a stored photo's caption, credit and alt text.
func (u *Uploads) Describe(ctx context.Context, actor news.Actor, id int64, caption, credit, alt string) error {
	if err := actor.Require(news.WriteArticles); err != nil {
		return err
	}
	words, err := checkWords(caption, credit, alt)
	if err != nil {
		return err
	}
	return u.store.UpdateImage(ctx, actor, news.Image{ID: id, Caption: words[0], Credit: words[1], Alt: words[2]})
}

// checkWords trims and normalizes a photo's caption, credit and alt text,
// and refuses text that is not UTF-8, too long or has control characters
// (a caption may have line breaks).
func checkWords(caption, credit, alt string) ([3]string, error) {
	labels := [3]string{"Chú thích", "Tác giả ảnh", "Mô tả ảnh"}
	words := [3]string{caption, credit, alt}
	for i, w := range words {
		if !utf8.ValidString(w) {
			return words, news.Errorf(news.Invalid, "%s không phải văn bản UTF-8", labels[i])
		}
		w = strings.TrimSpace(vietnamese.NFC(strings.ReplaceAll(w, "\r\n", "\n")))
		if utf8.RuneCountInString(w) > MaxText {
			return words, news.Errorf(news.Invalid, "%s dài quá %d ký tự", labels[i], MaxText)
		}
		if strings.ContainsFunc(w, func(r rune) bool { return unicode.IsControl(r) && (r != '\n' || i != 0) }) {
			return words, news.Errorf(news.Invalid, "%s có ký tự không hợp lệ", labels[i])
		}
		words[i] = w
	}
	return words, nil
}

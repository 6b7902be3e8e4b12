package backup

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// smallPaper backs up, on s, a paper of one section, one story with a
// photo and a comment, and one member: enough rows to tamper with.
func smallPaper(t *testing.T, s *store.Store) []byte {
	t.Helper()
	ctx := context.Background()
	b := paperOn(t, s)
	pic := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range pic.Pix {
		pic.Pix[i] = uint8(i * 7)
	}
	pic.Set(0, 0, color.RGBA{R: 200, A: 255})
	var file bytes.Buffer
	if err := png.Encode(&file, pic); err != nil {
		t.Fatal(err)
	}
	im, err := b.Media.Save(file.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	im.Caption = "Cầu Rào Cái lúc hoàng hôn"
	if im, err = b.Store.CreateImage(ctx, news.System(), im); err != nil {
		t.Fatal(err)
	}
	sec, err := b.Store.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := b.Store.CreateArticle(ctx, news.System(), news.Article{Slug: "cau-rao-cai", Title: "Cầu Rào Cái thông xe",
		SectionID: sec.ID, Status: news.Published, CoverImageID: im.ID, PublishedAt: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Store.CreateComment(ctx, news.Comment{ArticleID: a.ID, Name: "Bạn đọc Đức Thọ", Body: "Mừng quá!",
		Status: news.CommentPublished, PublishedAt: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	people := accounts.New(b.Store, auth.TestHasher(), time.Now)
	if _, _, err := people.SaveUser(ctx, news.Shell(), accounts.UserInput{Email: "bbt@baohatinh.vn", Name: "Ban biên tập",
		Roles: []news.Role{news.Editor}, Password: "mật khẩu đủ dài 2026"}); err != nil {
		t.Fatal(err)
	}
	return archive(t, b)
}

// tamper rewrites a sound archive: edit changes its entries, and the
// manifest's checksums and counts are recomputed for every table entry
// when fix is set, so that only what the edit meant to break is broken.
func tamper(t *testing.T, sound []byte, fix bool, edit func(m *Manifest, es []entry) []entry) []byte {
	t.Helper()
	es := entries(t, sound)
	var m Manifest
	if err := json.Unmarshal(es[0].body, &m); err != nil {
		t.Fatal(err)
	}
	es = edit(&m, es)
	if fix {
		for i := range m.Tables {
			for _, e := range es {
				if e.header.Name == m.Tables[i].entry() {
					sum := sha256.Sum256(e.body)
					m.Tables[i].SHA256 = hex.EncodeToString(sum[:])
					m.Tables[i].Bytes = int64(len(e.body))
					m.Tables[i].Rows = int64(bytes.Count(e.body, []byte("\n")))
				}
			}
		}
	}
	manifest, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	for i := range es {
		if es[i].header.Name == manifestEntry {
			es[i].body = manifest
		}
	}
	return pack(t, es)
}

// rows edits the lines of a table's entry.
func rows(es []entry, table string, edit func(lines []string) []string) []entry {
	for i := range es {
		if es[i].header.Name == tablesFolder+table+tableExtension {
			lines := strings.Split(strings.TrimSuffix(string(es[i].body), "\n"), "\n")
			es[i].body = []byte(strings.Join(edit(lines), "\n") + "\n")
		}
	}
	return es
}

// photoEntry finds the archive's one photo.
func photoEntry(es []entry) int {
	for i, e := range es {
		if strings.HasPrefix(e.header.Name, mediaFolder) {
			return i
		}
	}
	return -1
}

func regular(name, body string) entry {
	return entry{&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: 0o644}, []byte(body)}
}

// Hostile and broken archives are refused with a Vietnamese message that
// says what is wrong, and the target stays empty: no member, no story,
// no photo, and still able to take a sound archive afterwards.
func TestHostileArchivesAreRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sound := smallPaper(t, s)
		latest, err := s.LatestVersion()
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name, want string
			archive    func() []byte
		}{
			{"không phải gzip", "không đọc được dạng nén gzip", func() []byte { return []byte("<?php system($_GET['c']); ?>") }},
			{"cắt cụt giữa chừng", "bị hỏng hoặc không đầy đủ", func() []byte { return sound[:len(sound)/2] }},
			{"mất phần cuối gzip", "bị hỏng hoặc không đầy đủ", func() []byte { return sound[:len(sound)-4] }},
			{"định dạng mới hơn", "định dạng phiên bản 2, mới hơn", func() []byte {
				return tamper(t, sound, false, func(m *Manifest, es []entry) []entry { m.FormatVersion = 2; return es })
			}},
			{"lược đồ mới hơn", "mới hơn phiên bản", func() []byte {
				return tamper(t, sound, false, func(m *Manifest, es []entry) []entry { m.SchemaVersion = latest + 1; return es })
			}},
			{"mục lục không phải JSON", "không phải bản sao lưu của toasoan", func() []byte {
				es := entries(t, sound)
				es[0].body = []byte("{không phải json")
				return pack(t, es)
			}},
			{"mục lục không đứng đầu", "mục đầu tiên không phải manifest.json", func() []byte {
				es := entries(t, sound)
				es[0], es[1] = es[1], es[0]
				return pack(t, es)
			}},
			{"đường dẫn ../../etc/passwd", "không an toàn", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					return append(es, regular("../../etc/passwd", "root::0:0::/root:/bin/sh\n"))
				})
			}},
			{"đường dẫn tuyệt đối", "không an toàn", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					return append(es, regular("/etc/cron.d/x", "* * * * * root id\n"))
				})
			}},
			{"ảnh lách ra ngoài bằng ..", "không an toàn", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					i := photoEntry(es)
					es[i].header.Name = mediaFolder + "../../toasoan.db"
					return es
				})
			}},
			{"liên kết tượng trưng", "không phải một tệp thường", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					i := photoEntry(es)
					es[i] = entry{&tar.Header{Typeflag: tar.TypeSymlink, Name: es[i].header.Name, Linkname: "/etc/passwd"}, nil}
					return es
				})
			}},
			{"liên kết cứng", "không phải một tệp thường", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					return append(es, entry{&tar.Header{Typeflag: tar.TypeLink, Name: "media/00/00000000000000000000000000000000.jpg", Linkname: "/etc/shadow"}, nil})
				})
			}},
			{"mã kiểm tra sai", "Mã kiểm tra SHA-256 của bảng articles không khớp", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					return rows(es, "articles", func(lines []string) []string {
						lines[0] = strings.Replace(lines[0], "Cầu Rào Cái thông xe", "Cầu Rào Cái sập", 1)
						return lines
					})
				})
			}},
			{"thiếu một dòng", "có 0 dòng, mục lục ghi 1", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					for i := range es {
						if es[i].header.Name == "tables/comments.jsonl" {
							es[i].body = nil
						}
					}
					return es
				})
			}},
			{"cột lạ trong một dòng", `có cột lạ "is_admin"`, func() []byte {
				return tamper(t, sound, true, func(_ *Manifest, es []entry) []entry {
					return rows(es, "users", func(lines []string) []string {
						lines[0] = strings.Replace(lines[0], "{", `{"is_admin":true,`, 1)
						return lines
					})
				})
			}},
			{"sai kiểu", "không đúng kiểu integer", func() []byte {
				return tamper(t, sound, true, func(_ *Manifest, es []entry) []entry {
					return rows(es, "comments", func(lines []string) []string {
						lines[0] = strings.Replace(lines[0], `"likes":0`, `"likes":"1; DROP TABLE users"`, 1)
						return lines
					})
				})
			}},
			{"một dòng hai lần", "Không ghi được các dòng 1-2 vào bảng users", func() []byte {
				return tamper(t, sound, true, func(_ *Manifest, es []entry) []entry {
					return rows(es, "users", func(lines []string) []string { return append(lines, lines[0]) })
				})
			}},
			{"khóa ngoại trỏ vào khoảng trống", "không nhất quán", func() []byte {
				return tamper(t, sound, true, func(_ *Manifest, es []entry) []entry {
					return rows(es, "comments", func(lines []string) []string {
						var row map[string]any
						_ = json.Unmarshal([]byte(lines[0]), &row)
						row["article_id"] = 987654
						out, _ := json.Marshal(row)
						lines[0] = string(out)
						return lines
					})
				})
			}},
			{"cột không có ở đích", "Cột users.is_admin của bản sao lưu không có", func() []byte {
				return tamper(t, sound, false, func(m *Manifest, es []entry) []entry {
					for i := range m.Tables {
						if m.Tables[i].Name == "users" {
							m.Tables[i].Columns = append(m.Tables[i].Columns, Column{Name: "is_admin", Kind: store.Boolean})
						}
					}
					return es
				})
			}},
			{"bảng không có ở đích", "Bảng backdoor của bản sao lưu không có", func() []byte {
				return tamper(t, sound, true, func(m *Manifest, es []entry) []entry {
					m.Tables = append(m.Tables, Table{Name: "backdoor", Columns: []Column{{Name: "id", Kind: store.Integer}}})
					return append(es, regular("tables/backdoor.jsonl", `{"id":1}`+"\n"))
				})
			}},
			{"tên bảng là câu SQL", "bảng tên không hợp lệ", func() []byte {
				return tamper(t, sound, false, func(m *Manifest, es []entry) []entry {
					m.Tables[0].Name = "users; DROP TABLE users; --"
					return es
				})
			}},
			{"bảng không bao giờ sao lưu", "không bao giờ được sao lưu", func() []byte {
				return tamper(t, sound, true, func(m *Manifest, es []entry) []entry {
					m.Tables = append(m.Tables, Table{Name: "sessions", Columns: []Column{{Name: "token_hash", Kind: store.Text}}})
					return append(es, regular("tables/sessions.jsonl", `{"token_hash":"x"}`+"\n"))
				})
			}},
			{"thiếu một bảng", "thiếu bảng comments", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					var out []entry
					for _, e := range es {
						if e.header.Name != "tables/comments.jsonl" {
							out = append(out, e)
						}
					}
					return out
				})
			}},
			{"bảng hai lần", "mục lạ hoặc trùng", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					for _, e := range es {
						if e.header.Name == "tables/users.jsonl" {
							return append(es, e)
						}
					}
					return es
				})
			}},
			{"mục lạ", `mục lạ hoặc trùng "ghi-chu.txt"`, func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry { return append(es, regular("ghi-chu.txt", "xin chào")) })
			}},
			{"tên ảnh không phải khóa", "không phải tên một ảnh gốc", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					es[photoEntry(es)].header.Name = "media/shell.php"
					return es
				})
			}},
			{"tên ảnh là bản thu nhỏ", "không phải tên một ảnh gốc", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					i := photoEntry(es)
					es[i].header.Name = strings.Replace(es[i].header.Name, ".png", "-w320.png", 1)
					return es
				})
			}},
			{"nội dung ảnh bị thay", "không khớp với tên của nó", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					es[photoEntry(es)].body = []byte("<svg onload=alert(1)>")
					return es
				})
			}},
			{"ảnh 21 MB", "lớn hơn 20 MB", func() []byte {
				return tamper(t, sound, false, func(_ *Manifest, es []entry) []entry {
					es[photoEntry(es)].body = make([]byte, 21<<20)
					return es
				})
			}},
			{"thiếu tệp ảnh", "thiếu tệp ảnh", func() []byte {
				return tamper(t, sound, false, func(m *Manifest, es []entry) []entry {
					i := photoEntry(es)
					m.Media = Media{}
					return append(es[:i], es[i+1:]...)
				})
			}},
			{"số ảnh sai", "mục lục ghi 2 ảnh", func() []byte {
				return tamper(t, sound, false, func(m *Manifest, es []entry) []entry { m.Media.Files = 2; return es })
			}},
		}
		to := paperOn(t, openEmpty(t, source(t, s.Dialect())))
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := to.Restore(ctx, bytes.NewReader(c.archive()))
				if err == nil || !strings.Contains(news.ErrorMessage(err), c.want) {
					t.Errorf("restore: %v; want a refusal saying %q", err, c.want)
				}
				t.Log(news.ErrorMessage(err))
				assertEmpty(t, to)
			})
		}
		if _, err := to.Restore(ctx, bytes.NewReader(sound)); err != nil {
			t.Fatalf("the sound archive after the refusals: %v", err)
		}
	})
}

// A database that already holds a paper is never restored over: the
// refusal says why, and its rows and photos stay as they were.
func TestRestoreRefusesAPaperInUse(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sound := smallPaper(t, s)

		to := paperOn(t, openEmpty(t, source(t, s.Dialect())))
		if _, err := to.Store.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := to.Store.CreateSection(ctx, news.System(), news.Section{Slug: "rieng", Name: "Riêng"}); err != nil {
			t.Fatal(err)
		}
		people := accounts.New(to.Store, auth.TestHasher(), time.Now)
		if _, _, err := people.SaveUser(ctx, news.Shell(), accounts.UserInput{Email: "qt@baokhac.vn", Name: "Quản trị", Roles: []news.Role{news.Admin}, Password: "một mật khẩu dài"}); err != nil {
			t.Fatal(err)
		}
		_, err := to.Restore(ctx, bytes.NewReader(sound))
		if news.ErrorCode(err) != news.Conflict || !strings.Contains(news.ErrorMessage(err), "đã có bài viết hoặc người dùng") {
			t.Fatalf("restore over a paper in use: %v", err)
		}
		sections, err := to.Store.Sections(ctx)
		if err != nil || len(sections) != 1 || sections[0].Slug != "rieng" {
			t.Errorf("the paper in use after the refusal: %v, %v", sections, err)
		}
		assertNoPhotos(t, to)
	})
}

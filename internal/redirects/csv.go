package redirects

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Limits on a CSV file of redirects. A paper's archive imports write
// their redirects themselves; a CSV file is a list someone made, and one
// larger than MaxCSVLines is split (split -l 200000) and imported in
// parts, each one change.
const (
	MaxCSVLines      = 200_000
	maxCSVLineBytes  = 8 << 10
	maxCSVProblems   = 100 // a file with more stops being read
	shownCSVProblems = 20
)

// Summary is what an import of a CSV file did.
type Summary struct {
	Lines  int  // lines with a redirect
	Header bool // the first line named the columns and was skipped
	store.RedirectImport
}

// String is the summary in Vietnamese, for the newsroom and the shell.
func (s Summary) String() string {
	return fmt.Sprintf("Đã nhập %d chuyển hướng: %d mới, %d cập nhật, %d không đổi.", s.Lines, s.Added, s.Updated, s.Unchanged)
}

// ImportError is a CSV file that was refused whole: nothing of it was
// written. Problems name their lines.
type ImportError struct {
	Heading  string   // "Tệp CSV có 3 lỗi nên chưa nhập dòng nào."
	Problems []string // the first ones, "Dòng 12: ..."
	Total    int      // how many were found
	err      *news.Error
}

func (e *ImportError) Error() string { return e.err.Error() }

// Unwrap makes the error news.Invalid for the error adapter.
func (e *ImportError) Unwrap() error { return e.err }

func newImportError(problems []string, total int, stopped bool) *ImportError {
	shown := problems[:min(len(problems), shownCSVProblems)]
	heading := fmt.Sprintf("Tệp CSV có %d lỗi nên chưa nhập dòng nào.", total)
	if stopped {
		heading = fmt.Sprintf("Tệp CSV có từ %d lỗi trở lên nên đã dừng đọc và chưa nhập dòng nào.", total)
	}
	msg := heading + " " + strings.Join(shown, " ")
	if len(shown) < total {
		msg += fmt.Sprintf(" (và %d lỗi khác)", total-len(shown))
	}
	return &ImportError{Heading: heading, Problems: shown, Total: total, err: news.Errorf(news.Invalid, "%s", msg)}
}

// ImportCSV reads redirects from r, one a line: old address, new address
// and optionally the status (301, the default, or 410 with no new
// address), separated by commas (or semicolons, as Excel writes them in a
// Vietnamese locale); a first line without any "/" names the columns.
// Every line is checked before anything is written, then all are written
// in one change on actor's authority: the whole file or nothing, with the
// problems named by line. Addresses may be whole URLs, in any case, with
// a byte-order mark before them and in decomposed Unicode.
func (s *Service) ImportCSV(ctx context.Context, actor news.Actor, r io.Reader) (Summary, error) {
	var sum Summary
	if err := actor.Require(news.ManageRedirects); err != nil {
		return sum, err
	}
	rows, lines, sum, err := readCSV(r)
	if err != nil {
		return sum, err
	}
	counts, err := s.store.ImportRedirects(ctx, actor, rows)
	if refused, ok := errors.AsType[store.RefusedRedirects](err); ok {
		var problems []string
		for _, f := range refused {
			problems = append(problems, fmt.Sprintf("Dòng %d: %s.", lines[f.Index], news.ErrorMessage(f.Err)))
		}
		return sum, newImportError(problems, len(problems), len(refused) >= maxCSVProblems)
	}
	sum.RedirectImport = counts
	return sum, err
}

// readCSV checks every line of a file and returns its redirects with the
// line each came from.
func readCSV(r io.Reader) ([]news.Redirect, []int, Summary, error) {
	var sum Summary
	var rows []news.Redirect
	var lines []int
	var problems []string
	total := 0
	seen := map[string]int{}
	in := bufio.NewReaderSize(r, maxCSVLineBytes)
	var sep byte
	for n := 1; ; n++ {
		line, err := readLine(in, n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, sum, err
		}
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if sep == 0 {
			sep = separator(line)
			if isHeader(line) {
				sum.Header = true
				continue
			}
		}
		row, err := parseLine(line, sep)
		if err == nil {
			if first, dup := seen[row.From]; dup {
				err = news.Errorf(news.Invalid, "địa chỉ cũ %s đã có ở dòng %d", row.From, first)
			}
		}
		if err != nil {
			total++
			problems = append(problems, fmt.Sprintf("Dòng %d: %s.", n, strings.TrimSuffix(news.ErrorMessage(err), ".")))
			if total == maxCSVProblems {
				return nil, nil, sum, newImportError(problems, total, true)
			}
			continue
		}
		if sum.Lines++; sum.Lines > MaxCSVLines {
			return nil, nil, sum, news.Errorf(news.TooLarge, "Tệp CSV có hơn %d dòng chuyển hướng. Hãy chia thành nhiều tệp nhỏ hơn (ví dụ: split -l %d tep.csv) rồi nhập lần lượt.", MaxCSVLines, MaxCSVLines)
		}
		seen[row.From] = n
		rows, lines = append(rows, row), append(lines, n)
	}
	switch {
	case total > 0:
		return nil, nil, sum, newImportError(problems, total, false)
	case len(rows) == 0:
		return nil, nil, sum, news.Errorf(news.Invalid, "Tệp CSV không có dòng chuyển hướng nào (mỗi dòng: địa chỉ cũ, địa chỉ mới, mã 301 hoặc 410)")
	}
	return rows, lines, sum, nil
}

// readLine reads line n without its end, refusing a line longer than a
// redirect can be and text that is not UTF-8; io.EOF after the last.
func readLine(in *bufio.Reader, n int) (string, error) {
	b, err := in.ReadSlice('\n')
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		return "", news.Errorf(news.TooLarge, "Dòng %d dài quá %d byte: tệp này không phải danh sách chuyển hướng (mỗi dòng: địa chỉ cũ, địa chỉ mới, mã)", n, maxCSVLineBytes)
	case errors.Is(err, io.EOF) && len(b) == 0:
		return "", io.EOF
	case err != nil && !errors.Is(err, io.EOF):
		return "", fmt.Errorf("đọc tệp CSV: %w", err)
	}
	if !utf8.Valid(b) {
		return "", news.Errorf(news.Invalid, "Dòng %d không phải văn bản UTF-8. Hãy lưu tệp ở dạng «CSV UTF-8» (trong Excel: Lưu thành → CSV UTF-8)", n)
	}
	return vietnamese.NFC(strings.TrimRight(string(b), "\r\n")), nil
}

// separator is the first comma, semicolon or tab of the first line
// outside quotes; a comma when there is none.
func separator(line string) byte {
	quoted := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			return c
		}
	}
	return ','
}

// isHeader is a first line that names the columns ("old,new,status",
// "địa chỉ cũ;địa chỉ mới;mã"): no field of it holds an address.
func isHeader(line string) bool { return !strings.Contains(line, "/") }

// parseLine reads one line into a redirect.
func parseLine(line string, sep byte) (news.Redirect, error) {
	fields, err := splitFields(line, sep)
	if err != nil {
		return news.Redirect{}, err
	}
	for len(fields) > 2 && fields[len(fields)-1] == "" {
		fields = fields[:len(fields)-1] // the empty columns spreadsheets add
	}
	switch {
	case len(fields) < 2:
		return news.Redirect{}, news.Errorf(news.Invalid, "cần ít nhất hai cột: địa chỉ cũ, địa chỉ mới")
	case len(fields) > 3:
		return news.Redirect{}, news.Errorf(news.Invalid, "có %d cột; chỉ cần ba: địa chỉ cũ, địa chỉ mới, mã 301 hoặc 410", len(fields))
	}
	status := news.Moved
	if len(fields) == 3 {
		switch fields[2] {
		case "301":
		case "410":
			status = news.Gone
		default:
			return news.Redirect{}, news.Errorf(news.Invalid, "mã %q không hợp lệ: chỉ 301 (đã chuyển) hoặc 410 (đã gỡ bỏ)", news.Clip(fields[2], 20))
		}
	}
	if status == news.Moved && fields[1] == "" {
		return news.Redirect{}, news.Errorf(news.Invalid, "thiếu địa chỉ mới (hoặc ghi 410 ở cột thứ ba nếu nội dung đã gỡ bỏ)")
	}
	return news.NewRedirect(fields[0], fields[1], status, news.FromCSV)
}

// splitFields splits a CSV line at sep, reading quoted fields ("" is a
// quote inside one) and trimming the spaces around each.
func splitFields(line string, sep byte) ([]string, error) {
	var fields []string
	for {
		line = strings.TrimLeft(line, " ")
		if !strings.HasPrefix(line, `"`) {
			field, rest, more := strings.Cut(line, string(sep))
			fields = append(fields, strings.TrimSpace(field))
			if !more {
				return fields, nil
			}
			line = rest
			continue
		}
		var b strings.Builder
		i := 1
		for {
			j := strings.IndexByte(line[i:], '"')
			if j < 0 {
				return nil, news.Errorf(news.Invalid, "dấu ngoặc kép không được đóng")
			}
			b.WriteString(line[i : i+j])
			i += j + 1
			if i < len(line) && line[i] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			break
		}
		fields = append(fields, strings.TrimSpace(b.String()))
		line = strings.TrimLeft(line[i:], " ")
		if line == "" {
			return fields, nil
		}
		if line[0] != sep {
			return nil, news.Errorf(news.Invalid, "sau dấu ngoặc kép đóng phải là dấu phân cách")
		}
		line = line[1:]
	}
}

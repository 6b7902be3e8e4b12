package htmlarchive

import (
	"slices"
	"testing"
	"time"
)

func TestDatesAsPapersPrintThem(t *testing.T) {
	m := exampleMap(t)
	want := time.Date(2025, 12, 1, 1, 30, 0, 0, time.UTC)
	for _, printed := range []string{
		"Thứ Hai, 01/12/2025 - 08:30",
		"Thứ hai, 1/12/2025 - 8:30",
		"THỨ HAI, 01/12/2025 - 08:30",
		"Thu Hai, 01/12/2025 - 08:30",
		"thu hai,01/12/2025 - 08:30",
		"Thứ 2, 01/12/2025 - 08:30",
		"01/12/2025 08:30",
		"Cập nhật: 01/12/2025 08:30",
		"08:30 01/12/2025",
		"Thứ hai, 1/12/2025, 8:30 (GMT+7)",
		"Thứ Hai, 01/12/2025, 08:30 (GMT+07:00)",
		"  01/12/2025\u00a0\n 08:30 ",
		"2025-12-01T08:30:00+07:00",
		"2025-12-01T01:30:00Z",
		"2025-12-01T08:30:00",
	} {
		if got, ok := m.parseDate(printed); !ok || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", printed, got, ok, want)
		}
	}
	if got, ok := m.parseDate("ngày 1 tháng 12 năm 2025"); !ok || !got.Equal(time.Date(2025, 11, 30, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("in words: %v %v", got, ok)
	}
	if got, ok := m.parseDate("Ngay 1 thang 12 nam 2025"); !ok || got.Day() != 30 {
		t.Errorf("in words without marks: %v %v", got, ok)
	}
	for _, bad := range []string{"", "Đang cập nhật", "31/02/2025 08:30", "01/13/2025 08:30", "01/12/0025 08:30", "01/12/2025 25:30", "hôm qua", "01/12/2025 08:30 thêm"} {
		if got, ok := m.parseDate(bad); ok {
			t.Errorf("parseDate(%q) = %v", bad, got)
		}
	}
}

func TestDefaultDateFormats(t *testing.T) {
	m, err := parseMap([]byte(`{"base_url": "https://baohatinh.vn", "article_url": "(?P<id>[0-9]+)", "title": "h1", "body": "div", "time_zone": "UTC"}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, printed := range []string{"Thứ Ba, 28/04/2020 17:25 (GMT+7)", "17:25 | 28/04/2020 GMT+7", "28/04/2020 - 17:25", "17:25, 28/4/2020"} {
		if got, ok := m.parseDate(printed); !ok || !got.Equal(time.Date(2020, 4, 28, 17, 25, 0, 0, time.UTC)) {
			t.Errorf("parseDate(%q) = %v %v", printed, got, ok)
		}
	}
}

func TestSplitAuthors(t *testing.T) {
	for byline, want := range map[string][]string{
		"Nguyễn Văn A - Trần Thị B":     {"Nguyễn Văn A", "Trần Thị B"},
		"Bài, ảnh: Thu Hà":              {"Thu Hà"},
		"Bài và ảnh: Thu Hà – Minh Anh": {"Thu Hà", "Minh Anh"},
		"Bài: Thu Hà - Ảnh: Minh Anh":   {"Thu Hà", "Minh Anh"},
		"Thu Hà, Minh Anh và Lê Nam":    {"Thu Hà", "Minh Anh", "Lê Nam"},
		"Thu Hà (tổng hợp)":             {"Thu Hà"},
		"Theo TTXVN":                    {"TTXVN"},
		"Nhóm PV: Thu Hà; Minh Anh.":    {"Thu Hà", "Minh Anh"},
		"Thu Hà - Thu Hà":               {"Thu Hà"},
		"  ":                            nil,
		"Đây là một đoạn văn dài bị bộ chọn tác giả bắt nhầm, chẳng phải tên ai cả vì nó dài quá": nil,
	} {
		if got := splitAuthors(byline); !slices.Equal(got, want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", byline, got, want)
		}
	}
}

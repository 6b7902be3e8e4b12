package vietnamese

import "testing"

func TestNormalizeTone(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"no marks", "Ha Tinh", "Ha Tinh"},
		{"oa grave", "hoà", "hòa"},
		{"oa acute", "hoá học", "hóa học"},
		{"oa hook", "thoả thuận", "thỏa thuận"},
		{"oa tilde", "xoã tóc", "xõa tóc"},
		{"oa dot", "hoạ sĩ", "họa sĩ"},
		{"oe hook", "khoẻ", "khỏe"},
		{"oe grave", "nhoè", "nhòe"},
		{"uy hook", "thuỷ", "thủy"},
		{"uy grave", "tuỳ", "tùy"},
		{"uy tilde", "luỹ tre", "lũy tre"},
		{"uy dot", "Thuỵ Điển", "Thụy Điển"},
		{"uy alone", "uỷ viên", "ủy viên"},
		{"title case", "Hoà Bình", "Hòa Bình"},
		{"upper case", "HOÀ BÌNH", "HÒA BÌNH"},
		{"upper uy", "UỶ BAN", "ỦY BAN"},
		{"several in one text", "Uỷ ban hoà giải, sức khoẻ và thuỷ lợi.", "Ủy ban hòa giải, sức khỏe và thủy lợi."},
		{"already new style", "hòa thủy khỏe", "hòa thủy khỏe"},
		{"final consonant keeps second vowel", "hoàng toán khuyến", "hoàng toán khuyến"},
		{"third vowel keeps second vowel", "ngoài xoáy ngoẻo choãi", "ngoài xoáy ngoẻo choãi"},
		{"qu is a consonant", "quý quỳ quỹ Quý", "quý quỳ quỹ Quý"},
		{"followed by punctuation", "(hoà)", "(hòa)"},
		{"followed by digit", "hoà2", "hòa2"},
		{"uê is not changed", "thuế huệ", "thuế huệ"},
		{"horn u is not changed", "ưỷ", "ưỷ"},
		{"NFD input gives NFC output", nfd("Thuỷ Hoà"), "Thủy Hòa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NormalizeTone(tt.in)
			if got != tt.want {
				t.Errorf("NormalizeTone(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
			if NFC(got) != got {
				t.Errorf("NormalizeTone(%+q) = %+q is not NFC", tt.in, got)
			}
			if Fold(got) != Fold(tt.in) {
				t.Errorf("NormalizeTone changed letters: Fold %+q vs %+q", Fold(got), Fold(tt.in))
			}
		})
	}
}

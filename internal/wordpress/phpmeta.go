package wordpress

import (
	"errors"
	"strconv"
	"strings"
)

// phpValue is a value of PHP's serialize() format, as WordPress stores an
// attachment's metadata: a scalar as its text, or an array's pairs in
// order. Objects are read as arrays of their properties.
type phpValue struct {
	text   string
	number bool // written as i:N; rather than as a string
	pairs  []phpPair
}

type phpPair struct {
	key   string
	value phpValue
}

// get is the value under key, the zero value when there is none.
func (v phpValue) get(key string) phpValue {
	for _, p := range v.pairs {
		if p.key == key {
			return p.value
		}
	}
	return phpValue{}
}

var errPHP = errors.New("not PHP's serialize format")

// maxPHPDepth bounds the nesting a value may have: WordPress's metadata
// goes three levels deep.
const maxPHPDepth = 16

// parsePHP reads a serialized value. Strings are counted in bytes, as PHP
// writes them; a count that does not fit the text fails the whole value.
func parsePHP(s string) (phpValue, error) {
	p := phpParser{s: s}
	v, err := p.value(0)
	if err == nil && p.pos != len(strings.TrimRight(s, " \n\r\t")) {
		err = errPHP
	}
	return v, err
}

type phpParser struct {
	s   string
	pos int
}

func (p *phpParser) value(depth int) (phpValue, error) {
	if depth > maxPHPDepth || p.pos+1 >= len(p.s) {
		return phpValue{}, errPHP
	}
	kind := p.s[p.pos]
	if kind == 'N' {
		return phpValue{}, p.expect("N;")
	}
	if p.s[p.pos+1] != ':' {
		return phpValue{}, errPHP
	}
	p.pos += 2
	switch kind {
	case 'i', 'd', 'b':
		end := strings.IndexByte(p.s[p.pos:], ';')
		if end < 0 {
			return phpValue{}, errPHP
		}
		v := phpValue{text: p.s[p.pos : p.pos+end], number: kind == 'i'}
		p.pos += end + 1
		return v, nil
	case 's':
		text, err := p.str()
		if err != nil {
			return phpValue{}, err
		}
		return phpValue{text: text}, p.expect(";")
	case 'a':
		return p.array(depth)
	case 'O':
		// O:8:"stdClass":2:{...}: the class name, then the properties.
		if _, err := p.str(); err != nil {
			return phpValue{}, err
		}
		if err := p.expect(":"); err != nil {
			return phpValue{}, err
		}
		return p.array(depth)
	}
	return phpValue{}, errPHP
}

// array reads N:{key value ...} after "a:".
func (p *phpParser) array(depth int) (phpValue, error) {
	n, err := p.count()
	if err != nil || n > len(p.s)-p.pos {
		return phpValue{}, errPHP
	}
	if err := p.expect(":{"); err != nil {
		return phpValue{}, err
	}
	v := phpValue{pairs: make([]phpPair, 0, n)}
	for range n {
		key, err := p.value(depth + 1)
		if err != nil || key.pairs != nil {
			return phpValue{}, errPHP
		}
		val, err := p.value(depth + 1)
		if err != nil {
			return phpValue{}, err
		}
		v.pairs = append(v.pairs, phpPair{key: key.text, value: val})
	}
	return v, p.expect("}")
}

// str reads N:"..." (N bytes between the quotes).
func (p *phpParser) str() (string, error) {
	n, err := p.count()
	if err != nil {
		return "", err
	}
	if err := p.expect(`:"`); err != nil {
		return "", err
	}
	if n > len(p.s)-p.pos {
		return "", errPHP
	}
	text := p.s[p.pos : p.pos+n]
	p.pos += n
	return text, p.expect(`"`)
}

func (p *phpParser) count() (int, error) {
	end := p.pos
	for end < len(p.s) && end-p.pos < 10 && p.s[end] >= '0' && p.s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(p.s[p.pos:end])
	if err != nil {
		return 0, errPHP
	}
	p.pos = end
	return n, nil
}

func (p *phpParser) expect(lit string) error {
	if !strings.HasPrefix(p.s[p.pos:], lit) {
		return errPHP
	}
	p.pos += len(lit)
	return nil
}

// attachmentMeta is what an attachment's _wp_attachment_metadata tells:
// its file under uploads, the files of its sizes (in the same folder),
// the original of a scaled photo, and the photographer's credit.
type attachmentMeta struct {
	file   string
	sizes  []string
	credit string
}

func readAttachmentMeta(serialized string) (attachmentMeta, error) {
	v, err := parsePHP(strings.TrimSpace(serialized))
	if err != nil {
		return attachmentMeta{}, err
	}
	m := attachmentMeta{file: v.get("file").text, credit: strings.TrimSpace(v.get("image_meta").get("credit").text)}
	for _, size := range v.get("sizes").pairs {
		m.sizes = appendNew(m.sizes, size.value.get("file").text)
	}
	m.sizes = appendNew(m.sizes, v.get("original_image").text)
	return m, nil
}

// serializePHP writes a value as PHP's serialize() does: strings,
// integers and arrays of them, pairs in their order.
func serializePHP(v phpValue) string {
	var b strings.Builder
	var write func(v phpValue)
	write = func(v phpValue) {
		switch {
		case v.number:
			b.WriteString("i:" + v.text + ";")
			return
		case v.pairs == nil:
			b.WriteString("s:" + strconv.Itoa(len(v.text)) + `:"` + v.text + `";`)
			return
		}
		b.WriteString("a:" + strconv.Itoa(len(v.pairs)) + ":{")
		for _, p := range v.pairs {
			b.WriteString("s:" + strconv.Itoa(len(p.key)) + `:"` + p.key + `";`)
			write(p.value)
		}
		b.WriteString("}")
	}
	write(v)
	return b.String()
}

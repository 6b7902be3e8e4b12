package backup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/store"
)

// rowEncoder writes rows as JSON objects, one per line, the columns in
// the table's order: integers and reals as numbers, text as strings,
// booleans, times as RFC 3339 strings in UTC, NULL as null. Both
// databases read each back as the same value.
type rowEncoder struct {
	columns []string
	buf     bytes.Buffer
	text    *json.Encoder
}

func newRowEncoder(columns []Column) *rowEncoder {
	e := &rowEncoder{}
	for _, c := range columns {
		e.columns = append(e.columns, c.Name)
	}
	e.text = json.NewEncoder(&e.buf)
	e.text.SetEscapeHTML(false) // bodies are HTML: keep them readable
	return e
}

// line is values as one line, newline included; valid until the next call.
func (e *rowEncoder) line(values []any) ([]byte, error) {
	e.buf.Reset()
	e.buf.WriteByte('{')
	for i, v := range values {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.buf.WriteString(`"` + e.columns[i] + `":`) // names are store.ValidName: nothing to escape
		if err := e.value(v); err != nil {
			return nil, fmt.Errorf("column %s: %w", e.columns[i], err)
		}
	}
	e.buf.WriteString("}\n")
	return e.buf.Bytes(), nil
}

func (e *rowEncoder) value(v any) error {
	switch v := v.(type) {
	case nil:
		e.buf.WriteString("null")
	case int64:
		e.buf.WriteString(strconv.FormatInt(v, 10))
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("a real that JSON cannot hold")
		}
		e.buf.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case bool:
		e.buf.WriteString(strconv.FormatBool(v))
	case time.Time:
		e.buf.WriteString(`"` + v.UTC().Format(time.RFC3339Nano) + `"`)
	case string:
		if err := e.text.Encode(v); err != nil {
			return err
		}
		e.buf.Truncate(e.buf.Len() - 1) // Encode's newline
	default:
		return fmt.Errorf("a value of type %T", v)
	}
	return nil
}

// rowDecoder reads the lines rowEncoder writes into values of the
// target's kinds, refusing a line with a column the manifest does not
// list, or without one it lists.
type rowDecoder struct {
	table  string
	index  map[string]int
	kinds  []store.ColumnKind
	values []any
}

func newRowDecoder(table string, columns []Column) *rowDecoder {
	d := &rowDecoder{table: table, index: map[string]int{}, values: make([]any, len(columns))}
	for i, c := range columns {
		d.index[c.Name] = i
		d.kinds = append(d.kinds, c.Kind)
	}
	return d
}

// row decodes line n; the values are valid until the next call.
func (d *rowDecoder) row(n int64, line []byte) ([]any, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return nil, refuse("Dòng %d của bảng %s không phải JSON hợp lệ", n, d.table)
	}
	for name := range fields {
		if _, ok := d.index[name]; !ok {
			return nil, refuse("Dòng %d của bảng %s có cột lạ %q", n, d.table, name)
		}
	}
	if len(fields) != len(d.index) {
		return nil, refuse("Dòng %d của bảng %s thiếu cột", n, d.table)
	}
	for name, i := range d.index {
		v, err := decodeValue(d.kinds[i], fields[name])
		if err != nil {
			return nil, refuse("Dòng %d của bảng %s: cột %s không đúng kiểu %s", n, d.table, name, d.kinds[i])
		}
		d.values[i] = v
	}
	return d.values, nil
}

// decodeValue reads raw as a value of kind k.
func decodeValue(k store.ColumnKind, raw json.RawMessage) (any, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	switch k {
	case store.Integer:
		return decodeAs[int64](raw)
	case store.Real:
		return decodeAs[float64](raw)
	case store.Text:
		return decodeAs[string](raw)
	case store.Boolean:
		return decodeAs[bool](raw)
	case store.Timestamp:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		return t.UTC(), err
	}
	return nil, fmt.Errorf("kind %q", k)
}

// decodeAs reads raw as a T, refusing any other JSON type.
func decodeAs[T any](raw json.RawMessage) (any, error) {
	var v T
	err := json.Unmarshal(raw, &v)
	return v, err
}

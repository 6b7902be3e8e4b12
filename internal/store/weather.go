package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const localityColumns = `id, name, latitude, longitude, position, is_default`

func scanLocality(row rowScanner) (news.Locality, error) {
	var l news.Locality
	err := row.Scan(&l.ID, &l.Name, &l.Latitude, &l.Longitude, &l.Position, &l.Default)
	return l, err
}

// Localities lists the paper's localities in their order.
func (s *Store) Localities(ctx context.Context) ([]news.Locality, error) {
	all, err := s.chrome.localities.get(func() ([]news.Locality, error) {
		return queryAll(ctx, s.read, scanLocality, "list localities", `SELECT `+localityColumns+` FROM localities ORDER BY position, id`)
	})
	return slices.Clone(all), err
}

// news.Locality finds one locality by id.
func (s *Store) Locality(ctx context.Context, id int64) (news.Locality, error) {
	l, err := scanLocality(s.read.QueryRowContext(ctx, `SELECT `+localityColumns+` FROM localities WHERE id = $1`, id))
	if errNoRows(err) {
		return l, news.Errorf(news.NotFound, "Không tìm thấy địa phương")
	}
	if err != nil {
		return l, fmt.Errorf("find locality %d: %w", id, err)
	}
	return l, nil
}

// CreateLocality appends a locality to the list; the first one becomes
// the default.
func (s *Store) CreateLocality(ctx context.Context, by news.Actor, l news.Locality) (news.Locality, error) {
	l.Name = vietnamese.NFC(l.Name)
	err := s.change(ctx, by, "weather.locality_save", func(t *tx, e *news.AuditEntry) error {
		var n, last int
		if err := t.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(position), 0) FROM localities`).Scan(&n, &last); err != nil {
			return err
		}
		if n >= news.MaxLocalities {
			return news.Errorf(news.Invalid, "Danh sách đã có %d địa phương, không thêm được nữa", news.MaxLocalities)
		}
		l.Position, l.Default = last+1, n == 0
		if err := t.QueryRowContext(ctx, `INSERT INTO localities (name, latitude, longitude, position, is_default)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, l.Name, l.Latitude, l.Longitude, l.Position, l.Default).Scan(&l.ID); err != nil {
			return fmt.Errorf("create locality: %w", err)
		}
		t.announce(news.WeatherKey)
		e.ObjectType, e.ObjectID, e.Detail = "locality", l.ID, l.Name
		return nil
	})
	return l, err
}

// UpdateLocality renames or moves a locality. A moved locality loses its
// stored forecast: it was for the old place.
func (s *Store) UpdateLocality(ctx context.Context, by news.Actor, l news.Locality) error {
	l.Name = vietnamese.NFC(l.Name)
	return s.changeLocality(ctx, by, "weather.locality_save", l.ID, func(t *tx, e *news.AuditEntry, old news.Locality) error {
		if old.Name != l.Name {
			e.Detail = old.Name + " → " + l.Name
		}
		if _, err := t.ExecContext(ctx, `UPDATE localities SET name = $1, latitude = $2, longitude = $3 WHERE id = $4`,
			l.Name, l.Latitude, l.Longitude, l.ID); err != nil {
			return fmt.Errorf("update locality: %w", err)
		}
		if old.Latitude != l.Latitude || old.Longitude != l.Longitude {
			if _, err := t.ExecContext(ctx, `DELETE FROM weather_reports WHERE locality_id = $1`, l.ID); err != nil {
				return fmt.Errorf("update locality: %w", err)
			}
		}
		return nil
	})
}

// changeLocality runs fn on the locality id as one audited change that
// the weather box must show; fn gets the locality as it was.
func (s *Store) changeLocality(ctx context.Context, by news.Actor, action string, id int64, fn func(t *tx, e *news.AuditEntry, old news.Locality) error) error {
	return s.change(ctx, by, action, func(t *tx, e *news.AuditEntry) error {
		old, err := scanLocality(t.QueryRowContext(ctx, `SELECT `+localityColumns+` FROM localities WHERE id = $1`, id))
		if errNoRows(err) {
			return news.Errorf(news.NotFound, "Không tìm thấy địa phương")
		}
		if err != nil {
			return fmt.Errorf("read locality: %w", err)
		}
		t.announce(news.WeatherKey)
		e.ObjectType, e.ObjectID, e.Detail = "locality", id, old.Name
		return fn(t, e, old)
	})
}

// DeleteLocality removes a locality and its forecast; when it was the
// default, the first of the others takes its place.
func (s *Store) DeleteLocality(ctx context.Context, by news.Actor, id int64) error {
	return s.changeLocality(ctx, by, "weather.locality_delete", id, func(t *tx, _ *news.AuditEntry, _ news.Locality) error {
		if _, err := t.ExecContext(ctx, `DELETE FROM localities WHERE id = $1`, id); err != nil {
			return fmt.Errorf("delete locality: %w", err)
		}
		_, err := t.ExecContext(ctx, `UPDATE localities SET is_default = TRUE
			WHERE id = (SELECT id FROM localities ORDER BY position, id LIMIT 1)
			AND NOT EXISTS (SELECT 1 FROM localities WHERE is_default)`)
		return err
	})
}

// MoveLocality moves a locality one place up (step < 0) or down (step > 0)
// and renumbers the list 1, 2, 3, ...
func (s *Store) MoveLocality(ctx context.Context, by news.Actor, id int64, step int) error {
	return s.changeLocality(ctx, by, "weather.locality_move", id, func(t *tx, _ *news.AuditEntry, _ news.Locality) error {
		rows, err := t.QueryContext(ctx, `SELECT id FROM localities ORDER BY position, id`)
		if err != nil {
			return fmt.Errorf("move locality: %w", err)
		}
		ids, err := scanIDs(rows)
		if err != nil {
			return fmt.Errorf("move locality: %w", err)
		}
		at := slices.Index(ids, id)
		to := min(max(at+step, 0), len(ids)-1)
		ids[at], ids[to] = ids[to], ids[at]
		for i, v := range ids {
			if _, err := t.ExecContext(ctx, `UPDATE localities SET position = $1 WHERE id = $2`, i+1, v); err != nil {
				return fmt.Errorf("move locality: %w", err)
			}
		}
		return nil
	})
}

// SetDefaultLocality makes id the locality readers see first. The old
// default is cleared in a statement of its own: PostgreSQL checks the
// one-default index row by row.
func (s *Store) SetDefaultLocality(ctx context.Context, by news.Actor, id int64) error {
	return s.changeLocality(ctx, by, "weather.locality_default", id, func(t *tx, _ *news.AuditEntry, _ news.Locality) error {
		if _, err := t.ExecContext(ctx, `UPDATE localities SET is_default = FALSE WHERE is_default AND id <> $1`, id); err != nil {
			return fmt.Errorf("set default locality: %w", err)
		}
		_, err := t.ExecContext(ctx, `UPDATE localities SET is_default = TRUE WHERE id = $1`, id)
		return err
	})
}

const reportColumns = `locality_id, latitude, longitude, fetched_at, observed_at, temperature, apparent,
	humidity, wind_speed, precipitation, weather_code, is_day`

// WeatherReports reads the stored forecast of every locality that has one.
func (s *Store) WeatherReports(ctx context.Context) (map[int64]news.WeatherReport, error) {
	return s.weatherReports(ctx, 0)
}

// news.WeatherReport reads one locality's stored forecast.
func (s *Store) WeatherReport(ctx context.Context, localityID int64) (news.WeatherReport, error) {
	m, err := s.weatherReports(ctx, localityID)
	if err != nil {
		return news.WeatherReport{}, err
	}
	r, ok := m[localityID]
	if !ok {
		return r, news.Errorf(news.NotFound, "Chưa có số liệu thời tiết")
	}
	return r, nil
}

// weatherReports is the forecasts of one locality, or all for id 0, kept
// in memory until the weather changes: every page's weather box reads them.
func (s *Store) weatherReports(ctx context.Context, id int64) (map[int64]news.WeatherReport, error) {
	all, err := s.chrome.reports.get(func() (map[int64]news.WeatherReport, error) { return s.readWeatherReports(ctx) })
	if err != nil || id == 0 {
		return maps.Clone(all), err
	}
	out := map[int64]news.WeatherReport{}
	if r, ok := all[id]; ok {
		out[id] = r
	}
	return out, nil
}

func (s *Store) readWeatherReports(ctx context.Context) (map[int64]news.WeatherReport, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+reportColumns+` FROM weather_reports`)
	if err != nil {
		return nil, fmt.Errorf("read weather: %w", err)
	}
	defer rows.Close()
	out := map[int64]news.WeatherReport{}
	for rows.Next() {
		var r news.WeatherReport
		n := &r.Now
		if err := rows.Scan(&r.LocalityID, &r.Latitude, &r.Longitude, &r.FetchedAt, &n.ObservedAt, &n.Temperature, &n.Apparent,
			&n.Humidity, &n.WindSpeed, &n.Precipitation, &n.Code, &n.IsDay); err != nil {
			return nil, fmt.Errorf("read weather: %w", err)
		}
		r.FetchedAt, n.ObservedAt = r.FetchedAt.UTC(), n.ObservedAt.UTC()
		out[r.LocalityID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read weather: %w", err)
	}
	days, err := s.read.QueryContext(ctx, `SELECT locality_id, day, weather_code, temp_min, temp_max, rain_chance
		FROM weather_days ORDER BY locality_id, day`)
	if err != nil {
		return nil, fmt.Errorf("read forecast days: %w", err)
	}
	defer days.Close()
	for days.Next() {
		var (
			lid    int64
			day    string
			d      news.DayForecast
			chance sql.NullInt64
		)
		if err := days.Scan(&lid, &day, &d.Code, &d.Min, &d.Max, &chance); err != nil {
			return nil, fmt.Errorf("read forecast days: %w", err)
		}
		if d.Day, err = time.Parse(time.DateOnly, day); err != nil {
			return nil, fmt.Errorf("forecast day %q: %w", day, err)
		}
		d.RainChance = -1
		if chance.Valid {
			d.RainChance = int(chance.Int64)
		}
		if r, ok := out[lid]; ok {
			r.Days = append(r.Days, d)
			out[lid] = r
		}
	}
	return out, days.Err()
}

// SaveWeather stores a fetch's forecasts in one transaction, replacing
// each locality's previous one. A forecast whose locality was removed or
// moved while the request ran is dropped; it returns how many were kept.
func (s *Store) SaveWeather(ctx context.Context, reports []news.WeatherReport) (int, error) {
	saved := 0
	err := s.commit(ctx, func(t *tx) error {
		saved = 0
		where, err := localityPlaces(ctx, t.Tx)
		if err != nil {
			return err
		}
		for _, r := range reports {
			if at, ok := where[r.LocalityID]; !ok || at != [2]float64{r.Latitude, r.Longitude} {
				continue
			}
			if err := saveReport(ctx, t.Tx, r); err != nil {
				return fmt.Errorf("save weather of locality %d: %w", r.LocalityID, err)
			}
			saved++
		}
		if saved > 0 {
			t.announce(news.WeatherKey)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return saved, nil
}

// localityPlaces maps each locality to its coordinates.
func localityPlaces(ctx context.Context, tx *sql.Tx) (map[int64][2]float64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, latitude, longitude FROM localities`)
	if err != nil {
		return nil, fmt.Errorf("read localities: %w", err)
	}
	defer rows.Close()
	out := map[int64][2]float64{}
	for rows.Next() {
		var id int64
		var lat, lon float64
		if err := rows.Scan(&id, &lat, &lon); err != nil {
			return nil, err
		}
		out[id] = [2]float64{lat, lon}
	}
	return out, rows.Err()
}

func saveReport(ctx context.Context, tx *sql.Tx, r news.WeatherReport) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM weather_days WHERE locality_id = $1`, r.LocalityID); err != nil {
		return err
	}
	n := r.Now
	_, err := tx.ExecContext(ctx, `INSERT INTO weather_reports (`+reportColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (locality_id) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude,
			fetched_at = excluded.fetched_at, observed_at = excluded.observed_at, temperature = excluded.temperature,
			apparent = excluded.apparent, humidity = excluded.humidity, wind_speed = excluded.wind_speed,
			precipitation = excluded.precipitation, weather_code = excluded.weather_code, is_day = excluded.is_day`,
		r.LocalityID, r.Latitude, r.Longitude, r.FetchedAt.UTC(), n.ObservedAt.UTC(), n.Temperature, n.Apparent,
		n.Humidity, n.WindSpeed, n.Precipitation, n.Code, n.IsDay)
	if err != nil {
		return err
	}
	for _, d := range r.Days {
		chance := sql.NullInt64{Int64: int64(d.RainChance), Valid: d.RainChance >= 0}
		if _, err := tx.ExecContext(ctx, `INSERT INTO weather_days (locality_id, day, weather_code, temp_min, temp_max, rain_chance)
			VALUES ($1, $2, $3, $4, $5, $6)`, r.LocalityID, d.Day.Format(time.DateOnly), d.Code, d.Min, d.Max, chance); err != nil {
			return err
		}
	}
	return nil
}

// TakeLease gives the named job to holder until now+ttl, unless another
// holder's lease has not run out yet. One upsert decides it, so two
// servers asking at once on PostgreSQL or SQLite cannot both win.
func (s *Store) TakeLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	var taken bool
	err := s.commit(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, `INSERT INTO job_leases (name, holder, held_until) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, held_until = excluded.held_until
			WHERE job_leases.held_until < $4 OR job_leases.holder = excluded.holder`,
			name, holder, now.Add(ttl).UTC(), now.UTC())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		taken = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("take lease %s: %w", name, err)
	}
	return taken, nil
}

// ReleaseLease ends holder's lease early, so the next run need not wait
// for it to run out.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	return s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `DELETE FROM job_leases WHERE name = $1 AND holder = $2`, name, holder)
		return err
	})
}

// WeatherTurnedStale tells the page cache that a stored forecast crossed
// the stale age between from and to, so cached weather boxes stop showing
// it; nothing is written then that would tell it otherwise.
func (s *Store) WeatherTurnedStale(ctx context.Context, from, to time.Time, stale time.Duration) error {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM weather_reports WHERE fetched_at > $1 AND fetched_at <= $2`,
		from.Add(-stale).UTC(), to.Add(-stale).UTC()).Scan(&n)
	if err != nil {
		return fmt.Errorf("weather ages: %w", err)
	}
	if n > 0 {
		s.Announce(news.WeatherKey)
	}
	return nil
}

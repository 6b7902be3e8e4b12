package newsroom

import (
	"net/http"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/settings"
	"github.com/toasoan/toasoan/internal/web"
)

// settingsPage is the paper's settings: its identity, who corrects
// published stories, its legal footer.
type settingsPage struct {
	pageLayout
	Identity   []settingField
	Legal      []settingField
	Correctors []correctorChoice
	Error      string
}

// settingField is one input of the form, with the value shown in it.
type settingField struct {
	news.SiteSetting
	Value string
}

// InputType is the HTML input the setting is typed in.
func (f settingField) InputType() string {
	if f.Kind == news.ZoneSetting {
		return "text"
	}
	return string(f.Kind)
}

// Required is a setting the paper cannot be without.
func (f settingField) Required() bool { return f.Key == "name" || f.Kind == news.ZoneSetting }

// correctorChoice is one role's checkbox in the correctors' list.
type correctorChoice struct {
	Role    news.Role
	Checked bool
}

// newSettingsPage fills the form with values, by key: what is stored, or
// what was typed when it was refused.
func (s *Server) newSettingsPage(r *http.Request, ss *session, values map[string]string) settingsPage {
	page := settingsPage{pageLayout: s.pageLayout(r, ss, "Cài đặt báo")}
	for _, setting := range news.SiteSettings() {
		field := settingField{SiteSetting: setting, Value: values[setting.Key]}
		switch {
		case setting.Kind == news.RolesSetting:
			chosen := strings.Split(field.Value, ",")
			for _, role := range news.CorrectorChoices() {
				page.Correctors = append(page.Correctors, correctorChoice{Role: role, Checked: slices.Contains(chosen, string(role))})
			}
		case setting.Legal:
			page.Legal = append(page.Legal, field)
		default:
			page.Identity = append(page.Identity, field)
		}
	}
	return page
}

func (s *Server) showSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	site, err := settings.New(s.store).Site(r.Context())
	if err != nil {
		return err
	}
	values := map[string]string{}
	for _, setting := range news.SiteSettings() {
		values[setting.Key] = *site.Field(setting.Key)
	}
	return s.render(w, http.StatusOK, "settings", s.newSettingsPage(r, ss, values))
}

// saveSettings stores the whole form in one change; a refusal shows the
// form again as it was typed, with the reason, and stores nothing.
func (s *Server) saveSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	values := map[string]string{}
	for _, setting := range news.SiteSettings() {
		if setting.Kind == news.RolesSetting {
			values[setting.Key] = strings.Join(r.PostForm[setting.Key], ",")
			continue
		}
		values[setting.Key] = r.PostFormValue(setting.Key)
	}
	if _, err := settings.New(s.store).Save(r.Context(), actor(ss, r), values); err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		page := s.newSettingsPage(r, ss, values)
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "settings", page)
	}
	http.Redirect(w, r, "/toasoan/cai-dat?ok=bao", http.StatusSeeOther)
	return nil
}

package news

// TEMPORARY: stand-ins until the redirect and page branches merge.

type Redirect struct {
	From, To, Origin string
	Status           int
}

const RedirectsKey Key = "redirects"

type Page struct {
	ID                int64
	Slug, Title, Body string
}

func (p Page) Path() string { return "/trang/" + p.Slug }

func PageKeys(p Page) []Key { return nil }

package news

// TEMPORARY: stand-ins until the redirect and page branches merge.

type Redirect struct {
	From, To, Origin string
	Status           int
}

const RedirectsKey Key = "redirects"

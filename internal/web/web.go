// Package web is the kit the paper's HTTP parts share: the error adapter
// (a Vietnamese page for browsers, JSON for clients that ask for it), the
// middleware every request passes, the template renderer, the static
// files under content-hash names, paging and form helpers. The reader's
// site (package site), the newsroom (package newsroom) and the API
// (package api) are built on it; package server mounts them on one mux.
package web

import "embed"

//go:embed static templates
var embedded embed.FS

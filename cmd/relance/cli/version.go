package cli

// baseVersion is the version FyneApp.toml states (a test checks it): what
// a plain `go build` says it is.
const baseVersion = "0.1.0"

// version is the build's own, stamped by the Makefile from the git tags
// (-ldflags "-X relance/cmd/relance/cli.version=0.1.0-12-gabc1234"): the
// tag, the commits since it and the commit.
var version string

// Version is Relance's version: the build's stamp, else baseVersion.
func Version() string {
	if version != "" {
		return version
	}
	return baseVersion
}

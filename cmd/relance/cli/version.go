package cli

// Version is Relance's version; it matches Version in FyneApp.toml (a test
// checks it).
const Version = "0.1.0"

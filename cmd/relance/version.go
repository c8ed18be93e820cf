package main

// version is Relance's version; it matches Version in FyneApp.toml (a test
// checks it).
const version = "0.1.0"

//go:build linux && cgo

package main

// Cron, systemd and containers run programs under the C locale, often
// LANG=C.UTF-8. Fyne's lang package, linked for the window, reads the
// locale in its package init and logs "Fyne error: Error parsing user locale
// C" on stderr, before main can do anything about it: every `relance
// send-due` run by cron would mail that noise. The C constructor below runs
// before the Go runtime copies the environment and removes the locale
// variables that name no language (C, POSIX, C.UTF-8...); without them Fyne
// and package words fall back to English, which is what C means. glibc's
// unsetenv removes the entry from the process's environment array in place,
// the array the Go runtime then reads.

/*
#include <stdlib.h>
#include <string.h>

static int relance_names_no_language(const char *v) {
	if (v == NULL) return 0;
	size_t n = strcspn(v, ".@");
	return (n == 1 && v[0] == 'C') || (n == 5 && strncmp(v, "POSIX", 5) == 0);
}

__attribute__((constructor)) static void relance_drop_c_locale(void) {
	static const char *keys[] = {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (relance_names_no_language(getenv(keys[i]))) unsetenv(keys[i]);
	}
}
*/
import "C"

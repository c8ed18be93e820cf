// Package settings is the Settings screen, one section per tab: the
// company (letterhead, bank, signatory, logo), the dunning scenarios and
// their steps, the rates table, the rules (penalty policy, imputation of
// payments, how often a client may be written to), the language, the
// email account (presets, the password in the keychain, Test connection)
// and the letters' envelope window with its calibration print. The
// onboarding's company step reuses its CompanyForm.
package settings

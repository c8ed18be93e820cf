; The Windows installer of Relance (make package-windows builds it with
; NSIS, from Linux). It installs for the current user (no administrator
; needed, in %LocalAppData%\Programs\Relance) or, started "as
; administrator", for every user if chosen (Program Files); it adds a Start-menu shortcut,
; "Relance" with its version in Apps & features, and an uninstaller. The
; book stays where the app keeps it (%AppData%\Relance): neither the
; uninstaller nor an upgrade over an older version touches it.
;
; makensis -DVERSION=0.1.0.42 -DDISPLAY_VERSION=0.1.0-42-gabc -DEXE=relance.exe -DICON=icon.ico -DOUT=relance-setup.exe installer.nsi
; Silent: relance-setup.exe /S [/AllUsers|/CurrentUser] [/LAUNCH] (start Relance once installed).

Unicode true
; 64-bit, as the program is (and a 64-bit Wine runs it without a 32-bit one).
Target amd64-unicode
SetCompressor /SOLID lzma

!define APP "Relance"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP}"
OutFile "${OUT}"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_INSTALLMODE_INSTDIR "${APP}"
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!include "MultiUser.nsh"
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

VIProductVersion "${VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "ProductVersion" "${DISPLAY_VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "Relance"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\relance.exe"
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString AppRunning ${LANG_FRENCH} "Relance est ouvert : fermez-le, puis cliquez sur Réessayer."
LangString AppRunning ${LANG_ENGLISH} "Relance is open: close it, then click Retry."
LangString KeptData ${LANG_FRENCH} "Vos données (clients, factures, courriers) restent dans $APPDATA\Relance."
LangString KeptData ${LANG_ENGLISH} "Your data (clients, invoices, letters) stays in $APPDATA\Relance."

Function .onInit
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "Relance"
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program; a running Relance holds its file.
  retry:
  ClearErrors
  File "/oname=relance.exe" "${EXE}"
  IfErrors 0 copied
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
    Abort
  copied:
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\relance.exe"

  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${DISPLAY_VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "Relance"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\relance.exe"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; /LAUNCH starts Relance once a silent install is done (the finish page's
; checkbox does it otherwise).
Function .onInstSuccess
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/LAUNCH" $1
  IfErrors +2
    Exec '"$INSTDIR\relance.exe"'
FunctionEnd

Section "Uninstall"
  Delete "$INSTDIR\relance.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DetailPrint "$(KeptData)"
SectionEnd

; Hamm Field: per-user Windows installer (NSIS 3, Modern UI 2).
;
; Build from the repository root after `make bundle` (dist/hamm-field/ must exist):
;   makensis installer/hamm_field.nsi
; Everything has a default; override with /D (on Linux: -D):
;   VERSION       X.Y.Z, default hamm_field.__version__ read from hamm_field/__init__.py
;   BUNDLE_DIR    the PyInstaller folder, default dist/hamm-field
;   OUTFILE       the setup program, default dist/HammField-Setup-<VERSION>.exe
;   ICON          default resources/icons/hamm_field.ico
;   PUBLISHER     shown in "Apps & features", default "Hamm Field"
;   SIGN_COMMAND  optional; run on the finished installer and on the uninstaller before it is
;                 packed ("%1" is the file), e.g. signtool sign /sha1 <thumbprint> /fd SHA256
;                 /tr <timestamp url> /td SHA256 "%1". A non-zero exit fails the build.
; Relative paths are relative to this folder: makensis changes into it before reading.
;
; What it does (see installer/README.md): installs for the current user only, without admin
; rights, into the per-user programs folder; start-menu entry, optional desktop shortcut;
; .hfsync and .hfinvite open in the app; refuses to run while the app runs; upgrades in place;
; never touches the data folder (%LOCALAPPDATA%\hamm-field) and says so on its last page.

Unicode true
SetCompressor /SOLID lzma
; HammField.exe and hamm-field.exe carry the same ~10 MB Python archive: a dictionary of
; 32 MB lets solid LZMA store it once (about 37 MB instead of 46 MB, estimated).
SetCompressorDictSize 32
RequestExecutionLevel user
ManifestDPIAware true
; A file that cannot be written fails the install (Retry/Cancel) instead of being skipped.
AllowSkipFiles off

;--------------------------------
; Build parameters

!ifndef VERSION
  !searchparse /file "..\hamm_field\__init__.py" `__version__ = "` VERSION `"`
!endif
!searchparse /noerrors "${VERSION}" "" VERSION_MAJOR "." VERSION_MINOR "." VERSION_PATCH
!ifndef VERSION_PATCH
  !error "VERSION must be X.Y.Z (got ${VERSION})"
!endif
!define /ifndef BUNDLE_DIR "..\dist\hamm-field"
!define /ifndef OUTFILE "..\dist\HammField-Setup-${VERSION}.exe"
!define /ifndef ICON "..\resources\icons\hamm_field.ico"
!define /ifndef PUBLISHER "Hamm Field"

!if ! /FileExists "${BUNDLE_DIR}\HammField.exe"
  !error "${BUNDLE_DIR}\HammField.exe not found: run `make bundle` first or pass BUNDLE_DIR"
!endif
!if ! /FileExists "${BUNDLE_DIR}\hamm-field.exe"
  !error "${BUNDLE_DIR}\hamm-field.exe not found: run `make bundle` first or pass BUNDLE_DIR"
!endif
!if ! /FileExists "${BUNDLE_DIR}\_internal"
  !error "${BUNDLE_DIR}\_internal not found: run `make bundle` first or pass BUNDLE_DIR"
!endif

!define APP_NAME "Hamm Field"
!define GUI_EXE "HammField.exe"
!define CLI_EXE "hamm-field.exe"
!define UNINSTALLER "Uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\HammField"
!define CLASSES "Software\Classes"
!define OPEN_COMMAND `"$INSTDIR\${GUI_EXE}" --open "%1"`
!define SHORTCUT "${APP_NAME}.lnk"

; Signing: the installer after it is written, the uninstaller before it is packed into it.
!ifdef SIGN_COMMAND
  !finalize `${SIGN_COMMAND}` = 0
  !uninstfinalize `${SIGN_COMMAND}` = 0
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
BrandingText "${APP_NAME} ${VERSION}"
; The per-user programs folder; .onInit asks Windows for it (it can be redirected). An
; installed version's folder (from the registry) wins, so an upgrade lands on top of it.
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"

VIProductVersion "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
VIFileVersion "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} ${VERSION} Setup"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WordFunc.nsh"

Var OldVersion

;--------------------------------
; Interface

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
; Remember the language for the next installer and the uninstaller (HKCU, removed on uninstall).
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${UNINST_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Installer Language"
; Unicode: every language can be shown, whatever the system code page.
!define MUI_LANGDLL_ALLLANGUAGES

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirectoryOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(FinishInstall)"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$(FinishUninstall)"
!insertmacro MUI_UNPAGE_FINISH

; The first language is the default.
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Bulgarian"
!insertmacro MUI_LANGUAGE "Romanian"
!insertmacro MUI_LANGUAGE "Turkish"
!insertmacro MUI_RESERVEFILE_LANGDLL

;--------------------------------
; Texts: every id in all five languages (tests/test_installer_script.py checks that).
; Short and plain: many readers have little German. $\r$\n is a line break.

LangString SecApp ${LANG_GERMAN} "Hamm Field (Programm)"
LangString SecApp ${LANG_ENGLISH} "Hamm Field (program)"
LangString SecApp ${LANG_BULGARIAN} "Hamm Field (програма)"
LangString SecApp ${LANG_ROMANIAN} "Hamm Field (program)"
LangString SecApp ${LANG_TURKISH} "Hamm Field (program)"

LangString SecDesktop ${LANG_GERMAN} "Verknüpfung auf dem Desktop"
LangString SecDesktop ${LANG_ENGLISH} "Shortcut on the desktop"
LangString SecDesktop ${LANG_BULGARIAN} "Пряк път на работния плот"
LangString SecDesktop ${LANG_ROMANIAN} "Comandă rapidă pe desktop"
LangString SecDesktop ${LANG_TURKISH} "Masaüstü kısayolu"

LangString AppRunning ${LANG_GERMAN} "Hamm Field ist noch geöffnet. Bitte schließen Sie Hamm Field und versuchen Sie es dann erneut."
LangString AppRunning ${LANG_ENGLISH} "Hamm Field is still open. Please close Hamm Field, then try again."
LangString AppRunning ${LANG_BULGARIAN} "Hamm Field все още е отворен. Моля, затворете Hamm Field и опитайте отново."
LangString AppRunning ${LANG_ROMANIAN} "Hamm Field este încă deschis. Vă rugăm să închideți Hamm Field și să încercați din nou."
LangString AppRunning ${LANG_TURKISH} "Hamm Field hâlâ açık. Lütfen programı kapatıp tekrar deneyin."

LangString NewerInstalled ${LANG_GERMAN} "Hamm Field $OldVersion ist schon installiert. Die ältere Version ${VERSION} kann dessen Daten möglicherweise nicht öffnen. Trotzdem installieren?"
LangString NewerInstalled ${LANG_ENGLISH} "Hamm Field $OldVersion is already installed. The older version ${VERSION} may not be able to open its data. Install anyway?"
LangString NewerInstalled ${LANG_BULGARIAN} "Hamm Field $OldVersion вече е инсталиран. По-старата версия ${VERSION} може да не успее да отвори данните му. Да се инсталира ли въпреки това?"
LangString NewerInstalled ${LANG_ROMANIAN} "Hamm Field $OldVersion este deja instalat. Versiunea mai veche ${VERSION} s-ar putea să nu-i poată deschide datele. Instalați totuși?"
LangString NewerInstalled ${LANG_TURKISH} "Hamm Field $OldVersion zaten kurulu. Daha eski ${VERSION} sürümü, yeni sürümün verilerini açamayabilir. Yine de kurulsun mu?"

LangString FinishInstall ${LANG_GERMAN} "Hamm Field ist installiert.$\r$\n$\r$\nDie Daten liegen im Datenordner$\r$\n$LOCALAPPDATA\hamm-field$\r$\nund bleiben dort, auch beim Aktualisieren und Deinstallieren. Löschen Sie diesen Ordner nur nach den Löschregeln der Koordination."
LangString FinishInstall ${LANG_ENGLISH} "Hamm Field is installed.$\r$\n$\r$\nThe data is in the data folder$\r$\n$LOCALAPPDATA\hamm-field$\r$\nand stays there, also on updates and uninstalling. Delete this folder only as the coordination's erasure rules say."
LangString FinishInstall ${LANG_BULGARIAN} "Hamm Field е инсталиран.$\r$\n$\r$\nДанните са в папката с данни$\r$\n$LOCALAPPDATA\hamm-field$\r$\nи остават там и при обновяване, и при деинсталиране. Изтривайте тази папка само според правилата за изтриване на координацията."
LangString FinishInstall ${LANG_ROMANIAN} "Hamm Field este instalat.$\r$\n$\r$\nDatele sunt în dosarul de date$\r$\n$LOCALAPPDATA\hamm-field$\r$\nși rămân acolo și la actualizare, și la dezinstalare. Ștergeți acest dosar numai conform regulilor de ștergere ale coordonării."
LangString FinishInstall ${LANG_TURKISH} "Hamm Field kuruldu.$\r$\n$\r$\nVeriler şu veri klasöründedir:$\r$\n$LOCALAPPDATA\hamm-field$\r$\nGüncellemede ve kaldırmada silinmez. Bu klasörü yalnızca koordinasyonun silme kurallarına göre silin."

LangString FinishUninstall ${LANG_GERMAN} "Hamm Field wurde entfernt.$\r$\n$\r$\nDer Datenordner mit den Daten bleibt erhalten:$\r$\n$LOCALAPPDATA\hamm-field$\r$\nLöschen Sie ihn nur nach den Löschregeln der Koordination."
LangString FinishUninstall ${LANG_ENGLISH} "Hamm Field has been removed.$\r$\n$\r$\nThe data folder and its data are kept:$\r$\n$LOCALAPPDATA\hamm-field$\r$\nDelete it only as the coordination's erasure rules say."
LangString FinishUninstall ${LANG_BULGARIAN} "Hamm Field е премахнат.$\r$\n$\r$\nПапката с данни остава:$\r$\n$LOCALAPPDATA\hamm-field$\r$\nИзтривайте я само според правилата за изтриване на координацията."
LangString FinishUninstall ${LANG_ROMANIAN} "Hamm Field a fost dezinstalat.$\r$\n$\r$\nDosarul de date rămâne:$\r$\n$LOCALAPPDATA\hamm-field$\r$\nȘtergeți-l numai conform regulilor de ștergere ale coordonării."
LangString FinishUninstall ${LANG_TURKISH} "Hamm Field kaldırıldı.$\r$\n$\r$\nVeri klasörü yerinde kalır:$\r$\n$LOCALAPPDATA\hamm-field$\r$\nBu klasörü yalnızca koordinasyonun silme kurallarına göre silin."

LangString TypePackage ${LANG_GERMAN} "Sync-Paket für Hamm Field"
LangString TypePackage ${LANG_ENGLISH} "Hamm Field sync package"
LangString TypePackage ${LANG_BULGARIAN} "Пакет за синхронизация на Hamm Field"
LangString TypePackage ${LANG_ROMANIAN} "Pachet de sincronizare Hamm Field"
LangString TypePackage ${LANG_TURKISH} "Hamm Field eşitleme paketi"

LangString TypeInvitation ${LANG_GERMAN} "Einladung für Hamm Field"
LangString TypeInvitation ${LANG_ENGLISH} "Hamm Field invitation"
LangString TypeInvitation ${LANG_BULGARIAN} "Покана за Hamm Field"
LangString TypeInvitation ${LANG_ROMANIAN} "Invitație Hamm Field"
LangString TypeInvitation ${LANG_TURKISH} "Hamm Field daveti"

;--------------------------------
; Is the app running? A running .exe cannot be opened for writing on Windows (Windows denies
; write access to a mapped executable image), so opening each exe of $INSTDIR in append mode
; fails exactly while that program runs. This needs no plugin and no process list (no extra DLL to ship or
; trust), and it catches the console hamm-field.exe too.
; Retry/Cancel; in silent mode Cancel, so /S ends with exit code 2 instead of half an upgrade.

!macro ExeBusy path result
  StrCpy ${result} 0
  ${If} ${FileExists} "${path}"
    ClearErrors
    FileOpen $R9 "${path}" a
    ${If} ${Errors}
      StrCpy ${result} 1
    ${Else}
      FileClose $R9
    ${EndIf}
  ${EndIf}
!macroend

!macro DefineCheckNotRunning prefix
  Function ${prefix}CheckNotRunning
    Push $R8
    Push $R9
    check:
      !insertmacro ExeBusy "$INSTDIR\${GUI_EXE}" $R8
      ${If} $R8 == 0
        !insertmacro ExeBusy "$INSTDIR\${CLI_EXE}" $R8
      ${EndIf}
      ${If} $R8 == 1
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY check
        SetErrorLevel 2
        Quit
      ${EndIf}
    Pop $R9
    Pop $R8
  FunctionEnd
!macroend
!insertmacro DefineCheckNotRunning ""
!insertmacro DefineCheckNotRunning "un."

;--------------------------------
; File types, per user under HKCU\Software\Classes.

!macro RegisterType ext progid name
  WriteRegStr HKCU "${CLASSES}\${ext}" "" "${progid}"
  WriteRegNone HKCU "${CLASSES}\${ext}\OpenWithProgids" "${progid}"
  WriteRegStr HKCU "${CLASSES}\${progid}" "" "${name}"
  WriteRegStr HKCU "${CLASSES}\${progid}\DefaultIcon" "" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${CLASSES}\${progid}\shell\open\command" "" `${OPEN_COMMAND}`
!macroend

; Only if the type still opens this installation: a newer install elsewhere keeps its own.
!macro UnregisterType ext progid
  ReadRegStr $0 HKCU "${CLASSES}\${progid}\shell\open\command" ""
  ${If} $0 == `${OPEN_COMMAND}`
    DeleteRegKey HKCU "${CLASSES}\${progid}"
    ReadRegStr $0 HKCU "${CLASSES}\${ext}" ""
    ${If} $0 == "${progid}"
      DeleteRegValue HKCU "${CLASSES}\${ext}" ""
    ${EndIf}
    DeleteRegValue HKCU "${CLASSES}\${ext}\OpenWithProgids" "${progid}"
    DeleteRegKey /ifempty HKCU "${CLASSES}\${ext}\OpenWithProgids"
    DeleteRegKey /ifempty HKCU "${CLASSES}\${ext}"
  ${EndIf}
!macroend

!macro NotifyShell
  ; SHCNE_ASSOCCHANGED: Explorer picks up the new icons and open commands now.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

;--------------------------------
; Installer

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY

  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 == ""
  ${AndIf} $INSTDIR == "$LOCALAPPDATA\Programs\${APP_NAME}"
    GetKnownFolderPath $1 {5CD7AEE2-2219-4A67-B85D-6C9CE15660CB} ; FOLDERID_UserProgramFiles
    ${If} $1 != ""
      StrCpy $INSTDIR "$1\${APP_NAME}"
    ${EndIf}
  ${EndIf}

  ; A newer version's store may not open in this one (the app refuses newer stores).
  ReadRegStr $OldVersion HKCU "${UNINST_KEY}" "DisplayVersion"
  ${If} $OldVersion != ""
    ${VersionCompare} $OldVersion "${VERSION}" $0
    ${If} $0 == 1
      MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(NewerInstalled)" /SD IDNO IDYES downgrade
      Abort
      downgrade:
    ${EndIf}
  ${EndIf}

  Call CheckNotRunning
FunctionEnd

; An upgrade goes into the installed folder: no choice to make.
Function SkipDirectoryOnUpgrade
  ${If} ${FileExists} "$INSTDIR\${GUI_EXE}"
    Abort
  ${EndIf}
FunctionEnd

Section "$(SecApp)" SecApp
  SectionIn RO
  ; Checked again: the app may have been started while the wizard was open.
  Call CheckNotRunning

  ; Upgrade in place: remove the old program first, so no file of an older version stays.
  ; Only what this installer puts there; the data folder is elsewhere and is never touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"

  SetOutPath "$INSTDIR"
  File "${BUNDLE_DIR}\${GUI_EXE}"
  File "${BUNDLE_DIR}\${CLI_EXE}"
  File /r "${BUNDLE_DIR}\_internal"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${GUI_EXE}"

  !insertmacro RegisterType ".hfsync" "HammField.Package" "$(TypePackage)"
  !insertmacro RegisterType ".hfinvite" "HammField.Invitation" "$(TypeInvitation)"
  !insertmacro NotifyShell

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" `"$INSTDIR\${UNINSTALLER}"`
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" `"$INSTDIR\${UNINSTALLER}" /S`
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section /o "$(SecDesktop)" SecDesktop
  CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${GUI_EXE}"
SectionEnd

;--------------------------------
; Uninstaller

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
  Call un.CheckNotRunning
FunctionEnd

Section "Uninstall"
  Call un.CheckNotRunning

  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"

  !insertmacro UnregisterType ".hfsync" "HammField.Package"
  !insertmacro UnregisterType ".hfinvite" "HammField.Invitation"
  !insertmacro NotifyShell

  ; Only this installer's files, then the folder if it is empty: never a recursive delete
  ; of $INSTDIR, which may hold things of the user's. The data folder stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  ReadRegStr $0 HKCU "${UNINST_KEY}" "InstallLocation"
  ${If} $0 == "$INSTDIR"
    DeleteRegKey HKCU "${UNINST_KEY}"
  ${EndIf}
SectionEnd

; The station service on Windows: registered and started by the installer, stopped
; and removed by the uninstaller, through WinSW (resources\winsw\, see
; scripts/packaging/winsw-config.ts for its XML). electron-builder includes this
; file in both (nsis.include) before its own scripts.
; No Windows machine here: electron/main/windows-packaging.test.ts compiles this with
; Debian's makensis in a harness and checks the macros' commands; nobody has run an
; installer with it on Windows yet.

!define STATION_SERVICE_ID "station-console"
!define STATION_SERVICE_WINSW "$INSTDIR\resources\winsw\station-console-service.exe"

; A custom customCheckAppRunning replaces electron-builder's, whose helpers are then
; not declared for us (allowOnlyOneInstallerInstance.nsh); declare them as it does.
!include "getProcessInfo.nsh"
Var pid

; Stops the service and waits for it (its recorders close their fragments): WinSW's
; stopwait returns once the service has stopped.
!macro stationServiceStop
  ${If} ${FileExists} "${STATION_SERVICE_WINSW}"
    DetailPrint "Dừng dịch vụ trạm / stopping the station service"
    nsExec::ExecToLog '"${STATION_SERVICE_WINSW}" stopwait'
    Pop $0
  ${Else}
    ; Only a damaged install has the service without WinSW: stop it by id, give it time.
    nsExec::ExecToLog '"$SYSDIR\sc.exe" stop ${STATION_SERVICE_ID}'
    Pop $0
    ${If} $0 == 0
      Sleep 5000
    ${EndIf}
  ${EndIf}
!macroend

; The service is this app's exe (run as Node) and its ffmpeg: electron-builder's
; "is the app running" check would find and kill them, and WinSW would restart
; them. Stop the service first, then run electron-builder's own check.
!macro customCheckAppRunning
  !insertmacro stationServiceStop
  !insertmacro IS_POWERSHELL_AVAILABLE
  !insertmacro _CHECK_APP_RUNNING
!macroend

!macro customInstall
  ; The service's folder under ProgramData: the runtime file, which consoles read
  ; (ProgramData's inherited ACL lets local users read), WinSW's logs, and the data.
  ReadEnvStr $0 PROGRAMDATA
  CreateDirectory "$0\StationConsole\logs"
  CreateDirectory "$0\StationConsole\data"
  ; Footage, database and keys: LocalSystem (the service) and Administrators only, as
  ; the per-user data folder was. SIDs, not names: group names are localised.
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$0\StationConsole\data" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F /grant:r *S-1-5-32-544:(OI)(CI)F'
  Pop $1
  ; An earlier registration (an upgrade whose uninstaller did not remove it) goes first.
  nsExec::ExecToLog '"${STATION_SERVICE_WINSW}" uninstall'
  Pop $0
  nsExec::ExecToLog '"${STATION_SERVICE_WINSW}" install'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "Không đăng ký được dịch vụ trạm (mã $0): camera sẽ không được ghi khi chưa mở bảng điều khiển.$\r$\nThe station service could not be registered (code $0): cameras are not recorded unless the console is open." /SD IDOK
  ${Else}
    nsExec::ExecToLog '"${STATION_SERVICE_WINSW}" start'
    Pop $0
  ${EndIf}
!macroend

!macro customUnInstall
  !insertmacro stationServiceStop
  nsExec::ExecToLog '"${STATION_SERVICE_WINSW}" uninstall'
  Pop $0
  ; Recordings and the database in ProgramData\StationConsole are kept: footage may
  ; be evidence. Removing them is a deliberate, manual step (README).
!macroend

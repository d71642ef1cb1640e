; Inno Setup 6 script for ShopCRM: installs dist\ShopCRM\ for the current user, no admin rights.
;
;   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1   (app + installer, one step)
;   python installer\build.py --installer
;   or, after a build:  "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\windows\shopcrm.iss
;
; The program goes to %LOCALAPPDATA%\Programs\ShopCRM. The shop's data (database, backups)
; is never there: ShopCRM keeps it in %LOCALAPPDATA%\ShopCRM (platformdirs' user data
; folder), so an upgrade or a reinstall replaces the program and keeps the shop, and
; uninstalling removes the program only.

#ifndef AppVersion
  #define AppVersion ReadIni(AddBackslash(SourcePath) + "..\..\build\version.ini", "app", "version", "0.0.0")
#endif
#define AppName "ShopCRM"
#define AppExe "ShopCRM.exe"
#define DistDir AddBackslash(SourcePath) + "..\..\dist\ShopCRM"
#define IconFile AddBackslash(SourcePath) + "..\..\resources\icons\shopcrm.ico"

[Setup]
; The AppId ties upgrades to earlier installs: never change it.
AppId={{6C2B7F0E-3D41-4B8A-9E57-5A1C0D2F8E93}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per-user install: no UAC prompt, nothing written outside the user's profile.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#AddBackslash(SourcePath)}..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running ShopCRM is closed (and its database with it) before files are replaced.
CloseApplications=yes
; ShopCRM opens no document types: it registers no file associations.
ChangesAssociations=no
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[CustomMessages]
en.DemoShortcut=ShopCRM demo shop
en.DataKept=ShopCRM has been removed.%n%nYour shop's data (database and settings) is kept in:%n%1%n%nand its daily backups in:%n%2%n%nInstall ShopCRM again to carry on where you left off, or delete that folder yourself if you no longer need the data.
en.DesktopIcon=Create a desktop shortcut
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
zh.DemoShortcut=ShopCRM 演示店
zh.DataKept=ShopCRM 已卸载。%n%n店铺数据（数据库和设置）仍保留在：%n%1%n%n每日备份保留在：%n%2%n%n重新安装 ShopCRM 即可继续使用；如不再需要这些数据，可自行删除该文件夹。
zh.DesktopIcon=创建桌面快捷方式
#endif

[Tasks]
; Ticked by default: the owner finds ShopCRM on the desktop (it can be unticked).
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program folder's libraries wholesale (never the data: it is not here).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo-shop"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave in {app} (Python byte code of the migrations).
Type: filesandordirs; Name: "{app}\_internal\shopcrm\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\shopcrm\migrations\versions\__pycache__"

[Code]
{ The data folder is platformdirs' user data folder: %LOCALAPPDATA%\ShopCRM; the daily
  backups go to Documents\ShopCRM backups (shopcrm.paths.default_backup_dir). The uninstaller
  never deletes either; it tells the user where they are. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\{#AppName}'),
      ExpandConstant('{userdocs}\{#AppName} backups')]),
      mbInformation, MB_OK);
end;

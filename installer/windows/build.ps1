<#
.SYNOPSIS
    Build ShopCRM for Windows in one step: the one-folder app (dist\ShopCRM\) and the
    Inno Setup installer (dist\ShopCRM-<version>-setup.exe).

.DESCRIPTION
    Needs Windows 10/11, Python 3.11 or newer (python.org installer, with the "py" launcher)
    and Inno Setup 6 (jrsoftware.org). Run from any folder:

        powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1

    It checks both tools first and says what is missing, then runs installer\build.py
    --installer: that makes (or reuses) .venv\, installs ShopCRM with the "build" extra
    (PyInstaller) into it, runs PyInstaller on installer\shopcrm.spec and compiles
    installer\windows\shopcrm.iss with ISCC.exe. At the end it runs the built program's
    selfcheck. Step-by-step notes: docs\installer.md, section "Windows".

.PARAMETER Python
    The Python to use (default: "py -3.11" or newer found by the py launcher, else python).

.PARAMETER Iscc
    Full path of ISCC.exe (default: found on PATH or in the usual Inno Setup 6 folders).

.PARAMETER SkipInstaller
    Build the app folder only (no Inno Setup needed).
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$SkipInstaller
)

$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
# Python prints UTF-8 to this script's pipes whatever the console's code page (GBK on a
# Chinese Windows), and PowerShell reads it as UTF-8.
$env:PYTHONUTF8 = "1"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

function Say([string]$Text) { Write-Host "[build.ps1] $Text" }

function Find-Python {
    if ($Python) { return ,@($Python) }
    if (Get-Command py -ErrorAction SilentlyContinue) {
        foreach ($minor in 14, 13, 12, 11) {
            & py "-3.$minor" -c "import sys" 2>$null
            if ($LASTEXITCODE -eq 0) { return ,@("py", "-3.$minor") }
        }
    }
    if (Get-Command python -ErrorAction SilentlyContinue) { return ,@("python") }
    throw "Python 3.11 or newer was not found. Install it from python.org (tick 'Add python.exe to PATH' and the py launcher), then run this again."
}

function Find-Iscc {
    if ($Iscc) {
        if (-not (Test-Path $Iscc)) { throw "ISCC.exe not found at $Iscc" }
        return $Iscc
    }
    $found = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($found) { return $found.Source }
    $guesses = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    )
    foreach ($guess in $guesses) { if ($guess -and (Test-Path $guess)) { return $guess } }
    throw "Inno Setup 6 (ISCC.exe) was not found. Install it from https://jrsoftware.org/isdl.php, or pass -Iscc 'C:\path\to\ISCC.exe', or use -SkipInstaller."
}

# 1. The tools.
$py = Find-Python
$pyExe = $py[0]
$pyArgs = @($py | Select-Object -Skip 1)
$version = & $pyExe @pyArgs -c "import sys; print('%d.%d' % sys.version_info[:2])"
if ($LASTEXITCODE -ne 0) { throw "Could not run $($py -join ' ')" }
if ([version]$version -lt [version]"3.11") {
    throw "ShopCRM needs Python 3.11 or newer; $($py -join ' ') is $version."
}
Say "Python $version ($($py -join ' '))"
if (-not $SkipInstaller) {
    $isccPath = Find-Iscc
    Say "Inno Setup: $isccPath"
    # build.py looks for ISCC on PATH first.
    $env:PATH = (Split-Path $isccPath) + [IO.Path]::PathSeparator + $env:PATH
}

# 2. The app folder and the installer (build.py does both; see its docstring).
$buildArgs = @("installer\build.py")
if (-not $SkipInstaller) { $buildArgs += "--installer" }
& $pyExe @pyArgs @buildArgs
if ($LASTEXITCODE -ne 0) { throw "installer\build.py failed (exit $LASTEXITCODE); see above." }

# 3. The built program checks itself (console executable: it can print).
$cli = Join-Path $Root "dist\ShopCRM\shopcrm-cli.exe"
Say "selfcheck of $cli"
& $cli selfcheck
if ($LASTEXITCODE -ne 0) { throw "The built program's selfcheck failed; see above." }

Say "done: dist\ShopCRM\"
if (-not $SkipInstaller) {
    Get-ChildItem (Join-Path $Root "dist") -Filter "ShopCRM-*-setup.exe" |
        Sort-Object LastWriteTime | Select-Object -Last 1 |
        ForEach-Object { Say "installer: $($_.FullName)" }
}

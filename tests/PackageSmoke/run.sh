#!/usr/bin/env bash
# Package smoke test (docs/packaging.md): packs every package with a unique pre-release version into a temporary
# folder, then uses them the way a user would, in a temporary folder outside the repository whose nuget.config knows
# that folder only (<clear/>: no registry is named or used). Third-party packages (xunit for the template's tests) come
# read-only from the machine's global packages folder, where restoring this repository put them: the template pins
# the same versions. The smoke's own packages go to a private packages folder, deleted at the end with everything else.
#
# Checks, one PASS/FAIL line each: pack; (a) a console consumer of SdeDsl + SdeDsl.Optimizers declares a model, runs its
# generated step and an SDE ensemble; (b) a malformed model gets SDE0002; (c) `dotnet new sdemodel` from the template
# package, and `dotnet test` of what it creates; (d) the sdedsl tool installs and runs, once a project packs it.
# Last line: "smoke checks: N passed, N failed (T s)". Exit code 0 only if nothing failed.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
smoke="$repo/tests/PackageSmoke"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
version="0.1.0-ci.$(date -u +%Y%m%d%H%M%S).$$"
machine_packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
work=$(mktemp -d "${TMPDIR:-/tmp}/sdedsl-smoke.XXXXXX")
feed="$work/feed"
logs="$work/logs"
mkdir -p "$feed" "$logs"
# SMOKE_KEEP=1 keeps the folder (projects, logs, feed) for a look after a failure; a FAIL line shows its log's tail.
trap '[ "${SMOKE_KEEP:-0}" = 1 ] || rm -rf "$work"' EXIT

passed=0
failed=0
took=0
pass() { echo "PASS: $1 (${took} s)"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1 (${took} s; log: $2)"; sed 's/^/    /' "$2" | tail -n 30; failed=$((failed + 1)); }
finish() { echo "smoke checks: $passed passed, $failed failed ($SECONDS s)"; [ "$failed" -eq 0 ]; exit $?; }
# timed LOG COMMAND…: runs COMMAND with its output in LOG, and its duration in $took.
timed() { local log=$1 start=$SECONDS status; shift; "$@" > "$log" 2>&1; status=$?; took=$((SECONDS - start)); return $status; }

cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="sdedsl-smoke" value="$feed" />
  </packageSources>
  <fallbackPackageFolders>
    <clear />
    <add key="machine" value="$machine_packages" />
  </fallbackPackageFolders>
</configuration>
CONFIG

echo "smoke: version $version in $work"

# Pack: the same command as a release, one version for every package.
if timed "$logs/pack.log" dotnet pack "$repo/SdeDsl.sln" -c Release -p:Version="$version" -p:PackageOutputPath="$feed" \
    && [ -f "$feed/SdeDsl.$version.nupkg" ] && [ -f "$feed/SdeDsl.Optimizers.$version.nupkg" ] && [ -f "$feed/SdeDsl.Templates.$version.nupkg" ]; then
  pass "pack: $(cd "$feed" && echo *.nupkg)"
else
  fail "pack" "$logs/pack.log"
  finish
fi

# From here on, what a user outside the repository does. The packing above used the machine's packages folder, as any
# build of the repository; the consumers restore into a private one, so the smoke's versions never reach the machine's.
export NUGET_PACKAGES="$work/packages"

# (a) A consumer that has only the packages.
cp -r "$smoke/Consumer" "$work/consumer"
if timed "$logs/consumer.log" dotnet run --project "$work/consumer" -c Release -p:SdeDslVersion="$version"; then
  pass "consumer: own model's generated step, SDE ensemble, catalog AdamW"
  grep -E '^(ok|FAIL)' "$logs/consumer.log" | sed 's/^/    /'
else
  fail "consumer" "$logs/consumer.log"
fi

# (b) A malformed model: the build fails, with the analyzer's diagnostic id.
cp -r "$smoke/Malformed" "$work/malformed"
if timed "$logs/malformed.log" dotnet build "$work/malformed" -p:SdeDslVersion="$version"; then
  fail "malformed model built without an error" "$logs/malformed.log"
elif grep -q 'error SDE0002' "$logs/malformed.log"; then
  pass "malformed model: $(grep -o 'error SDE0002: [^[]*' "$logs/malformed.log" | head -n 1)"
else
  fail "malformed model: the build failed without SDE0002" "$logs/malformed.log"
fi

# (c) The template, in a template hive of its own (the user's installed templates are left alone). The name has a
# hyphen: the folders keep it, the namespaces cannot, and the .slnx and the test project's reference must follow the
# folders (they did not, and the solution did not build).
hive="$work/hive"
mkdir -p "$work/template"
if timed "$logs/template.log" bash -c "cd '$work/template' \
    && dotnet new install '$feed/SdeDsl.Templates.$version.nupkg' --debug:custom-hive '$hive' \
    && dotnet new sdemodel -n Smoke-Model --debug:custom-hive '$hive' \
    && grep -q 'Include=\"SdeDsl\" Version=\"$version\"' Smoke-Model/Directory.Packages.props \
    && dotnet test Smoke-Model/Smoke-Model.slnx -c Release"; then
  pass "template: dotnet new sdemodel -n Smoke-Model; dotnet test: $(grep -Eo '(Passed|Failed)!.*' "$logs/template.log" | head -n 1)"
else
  fail "template" "$logs/template.log"
fi

# (d) The sdedsl tool: only once a project under src/ packs as a .NET tool (src/SdeDsl.Cli: PackAsTool, ToolCommandName
# sdedsl). Its package id cannot be "sdedsl": NuGet ids are case-insensitive, so that is the SdeDsl package's id
# (restore fails with "Ambiguous project name"); SdeDsl.Cli is. The id and command are read from the project.
tool_project=$(grep -l '<PackAsTool>true</PackAsTool>' "$repo"/src/*/*.csproj 2>/dev/null | head -n 1)
if [ -n "$tool_project" ]; then
  tool_id=$(dotnet msbuild "$tool_project" -getProperty:PackageId)
  tool_command=$(dotnet msbuild "$tool_project" -getProperty:ToolCommandName)
  if timed "$logs/tool.log" bash -c "cd '$work' \
      && test -f '$feed/$tool_id.$version.nupkg' \
      && dotnet tool install --tool-path '$work/tools' --add-source '$feed' '$tool_id' --version '$version' \
      && '$work/tools/$tool_command' list"; then
    pass "tool: dotnet tool install $tool_id; $tool_command list"
  else
    fail "tool $tool_id from $tool_project" "$logs/tool.log"
  fi
else
  echo "skip: tool (no project under src/ packs as a .NET tool yet)"
fi

finish

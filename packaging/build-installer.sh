#!/usr/bin/env bash
# Builds PneumoLens with Maven and packages it with jpackage (JDK 17+), using jpackage.cfg.
#
#   packaging/build-installer.sh app-image   # dist/PneumoLens/ (bin/PneumoLens, lib/app, lib/runtime)
#   packaging/build-installer.sh deb         # dist/pneumolens_<version>-1_amd64.deb  (the default)
#
# Both start the packaged app once under Xvfb (xvfb-run) to record the classes for its class-data archive
# (packaging/cds-archive.sh); CDS_ARCHIVE=0 skips that and ships no archive.
# SKIP_MAVEN=1 reuses an existing target/pneumolens.jar and target/lib instead of running `mvn package`:
# .ci/run does so after its one `mvn -B verify`.
# The version (jpackage's --app-version) is pom.xml's <version>, read from the jar being packaged.
# On Windows and macOS run the jpackage commands from docs/packaging.md instead.
set -euo pipefail
cd "$(dirname "$0")/.."

type="${1:-deb}"
case "$type" in
  app-image) platform_args=(--icon icons/pneumolens-256.png) ;;
  deb|rpm)   platform_args=(@packaging/installer.cfg @packaging/linux.cfg --resource-dir packaging/linux) ;;
  *) echo "usage: $0 [app-image|deb|rpm]" >&2; exit 2 ;;
esac

if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  mvn -B -q package -DskipTests
fi
[ -f target/pneumolens.jar ] || { echo "target/pneumolens.jar missing: run mvn package first" >&2; exit 1; }

# One source for the version: Maven writes pom.xml's <version> into the jar (core.Version reads the same file).
# jpackage accepts only numbers and dots, so a -SNAPSHOT (or other) suffix is dropped for the package.
version="$(unzip -p target/pneumolens.jar org/pneumolens/core/version.properties | sed -n 's/^version=//p')"
app_version="${version%%-*}"
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] \
  || { echo "cannot take a package version from the jar's version '$version'" >&2; exit 1; }

# jpackage copies the whole --input folder into the app, so stage only the jar and its class path.
# Hard links when possible: the libraries are 160 MB.
rm -rf target/jpackage-input
mkdir -p target/jpackage-input
cp -al target/pneumolens.jar target/lib target/jpackage-input/ 2>/dev/null \
  || cp -a target/pneumolens.jar target/lib target/jpackage-input/

# ND4J's native library comes with its full symbol table (374 MB unpacked, 101 MB in its jar). Stripping what
# linking does not need (JNI looks functions up in the dynamic symbol table, which stays) saves ~5 MB in the
# installer and ~36 MB installed. The staged jar is replaced, not edited: it may be a hard link into target/lib.
if command -v strip >/dev/null && command -v zip >/dev/null; then
  for jar in target/jpackage-input/lib/nd4j-native-*-linux-x86_64*.jar; do
    [ -f "$jar" ] || continue
    work=$(mktemp -d)
    (cd "$work" && jar xf "$OLDPWD/$jar" && find . -name '*.so*' -type f -exec strip --strip-unneeded {} +)
    rm -f "$jar"
    (cd "$work" && zip -q -r -9 -X "$OLDPWD/$jar" META-INF .)
    rm -rf "$work"
  done
fi

# jpackage refuses to overwrite an existing app-image folder.
mkdir -p dist
[ "$type" = app-image ] && rm -rf dist/PneumoLens

# Class-data archive (packaging/cds-archive.sh; CDS_ARCHIVE=0 leaves it out): the class list comes from one start
# of the packaged app itself. The app-image gets the archive here; an installer ships the list, and its postinst
# writes the archive at the installed path (JDK 17 checks the class path's absolute paths). For an installer, a
# throwaway app-image in target/cds-image makes the recording run.
cds="${CDS_ARCHIVE:-1}"
if [ "$cds" = 1 ] && [ "$type" != app-image ]; then
  rm -rf target/cds-image
  jpackage --type app-image @jpackage.cfg --app-version "$app_version" --dest target/cds-image
  packaging/cds-archive.sh record target/cds-image/PneumoLens
  cp target/cds-image/PneumoLens/lib/app/pneumolens.classlist target/jpackage-input/
  rm -rf target/cds-image
fi

# Further arguments (e.g. --verbose) go to jpackage.
jpackage --type "$type" @jpackage.cfg --app-version "$app_version" "${platform_args[@]}" "${@:2}"
# The app-image's own native library folder (packaging/native-folder.sh), before the recording run, which then
# starts as a user's would. An installer ships without it: its postinst fills it at the installed path.
if [ "$type" = app-image ]; then
  packaging/native-folder.sh fill dist/PneumoLens
fi
if [ "$cds" = 1 ] && [ "$type" = app-image ]; then
  packaging/cds-archive.sh record dist/PneumoLens
  packaging/cds-archive.sh dump dist/PneumoLens
fi
ls -la dist
